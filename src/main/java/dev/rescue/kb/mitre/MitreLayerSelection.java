package dev.rescue.kb.mitre;

import dev.rescue.model.CweIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which CWEs the MITRE layer holds, and why: every CWE of MITRE's Top 25 ({@code /cwe/top25-2024.txt},
 * the list the retrieval's prevalence prior reads too) with its parents and children in view 1000,
 * plus the CWEs code scanners report ({@code /cwe/mitre-layer-selection.txt}, one source a line).
 * Ids the catalogue does not hold as a weakness, or that MITRE deprecated, are {@link #skipped}.
 */
public record MitreLayerSelection(Map<String, Set<String>> reasons, List<String> skipped) {
  static final String TOP_25 = "/cwe/top25-2024.txt";
  static final String SOURCES = "/cwe/mitre-layer-selection.txt";

  public static MitreLayerSelection of(MitreCatalog catalog) {
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    for (String top : ids(TOP_25, false).getOrDefault("", List.of())) {
      add(wanted, top, "top25");
      catalog.get(top).ifPresent(d -> d.parents().forEach(p -> add(wanted, p, "top25-parent")));
      catalog.children(top).forEach(c -> add(wanted, c, "top25-child"));
    }
    ids(SOURCES, true).forEach((source, cwes) -> cwes.forEach(c -> add(wanted, c, source)));
    Map<String, Set<String>> kept = new TreeMap<>(Comparator.comparingInt(CweIds::number));
    List<String> skipped = new ArrayList<>();
    wanted.forEach((cwe, why) -> {
      var def = catalog.get(cwe);
      if (def.isEmpty()) {
        skipped.add(cwe + " (not a weakness in the catalogue)");
      } else if (def.get().status().equals("Deprecated") || def.get().status().equals("Obsolete")) {
        skipped.add(cwe + " (" + def.get().status().toLowerCase(java.util.Locale.ROOT) + ")");
      } else {
        kept.put(cwe, why);
      }
    });
    return new MitreLayerSelection(java.util.Collections.unmodifiableMap(kept), List.copyOf(skipped));
  }

  private static void add(Map<String, Set<String>> wanted, String cwe, String why) {
    wanted.computeIfAbsent(CweIds.normalize(cwe), k -> new TreeSet<>()).add(why);
  }

  /** The ids of a resource, by source ("" for a plain list of {@code CWE-N} lines). */
  private static Map<String, List<String>> ids(String resource, boolean bySource) {
    try (InputStream in = MitreLayerSelection.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("resource missing: " + resource);
      Map<String, List<String>> out = new LinkedHashMap<>();
      int n = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) continue;
        String source = "";
        String list = l;
        if (bySource) {
          int colon = l.indexOf(':');
          if (colon <= 0) throw new IllegalStateException(resource + ":" + n + ": expected 'source: CWE numbers'");
          source = l.substring(0, colon).strip();
          list = l.substring(colon + 1);
        }
        for (String id : list.strip().split("\\s+")) {
          try {
            out.computeIfAbsent(source, k -> new ArrayList<>()).add(CweIds.normalize(id));
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(resource + ":" + n + ": " + e.getMessage(), e);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
