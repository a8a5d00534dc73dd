package dev.rescue.kb;

import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Overlays several KBs (issue 4: {@code --kb} given several times). Entries of the same CWE merge:
 * guidelines and causes concatenated in KB order (an identical text once), examples pooled, API sets
 * unioned per language, provenance unioned, distillers joined with {@code +}. The first KB's name
 * wins when both have one; its gates and embedder become the merge's, since calibration is per KB
 * and the first KB named is the one the user put in charge. An example id present in two KBs with
 * different content is an error naming the id, never a silent choice.
 */
public final class KbMerger {
  private KbMerger() {}

  /**
   * @param labels one per KB, used in error messages (folder path or {@code bundled})
   */
  public static KnowledgeBase merge(List<KnowledgeBase> kbs, List<String> labels) {
    if (kbs.isEmpty()) throw new IllegalArgumentException("no KB to merge");
    if (kbs.size() == 1) return kbs.get(0);
    Map<String, CweEntry> cwes = new LinkedHashMap<>();
    Map<String, CodeExample> examples = new LinkedHashMap<>();
    Map<String, String> exampleOrigin = new LinkedHashMap<>();
    List<KbManifest.Source> sources = new ArrayList<>();
    for (int i = 0; i < kbs.size(); i++) {
      KnowledgeBase kb = kbs.get(i);
      String label = labels.get(i);
      for (CodeExample e : kb.examples()) {
        CodeExample before = examples.putIfAbsent(e.id(), e);
        if (before == null) {
          exampleOrigin.put(e.id(), label);
        } else if (!before.equals(e)) {
          throw new IllegalArgumentException("example id '" + e.id() + "' is in both " + exampleOrigin.get(e.id())
              + " and " + label + " with different content: example ids must be unique across the KBs merged");
        }
      }
      for (CweEntry c : kb.cwes()) cwes.merge(c.cwe(), c, KbMerger::mergeEntry);
      for (KbManifest.Source s : kb.manifest().sources()) if (!sources.contains(s)) sources.add(s);
    }
    KbManifest first = kbs.get(0).manifest();
    KbManifest manifest = new KbManifest(KbManifest.FORMAT_VERSION, Instant.now().toString(), sources,
        first.embedder(), first.gates(), Map.of("cwes", cwes.size(), "examples", examples.size()), Map.of());
    return new KnowledgeBase(manifest, List.copyOf(cwes.values()), List.copyOf(examples.values()));
  }

  static CweEntry mergeEntry(CweEntry a, CweEntry b) {
    Map<String, ApiSet> apis = new TreeMap<>(a.apis());
    b.apis().forEach((lang, set) -> apis.merge(lang, set, (x, y) ->
        new ApiSet(union(x.risky(), y.risky()), union(x.safe(), y.safe()))));
    Provenance p = new Provenance(
        union(a.provenance().pairs(), b.provenance().pairs()),
        union(a.provenance().commits(), b.provenance().commits()),
        union(a.provenance().summaries(), b.provenance().summaries()));
    return new CweEntry(a.cwe(), a.name().isBlank() ? b.name() : a.name(),
        concat(a.guideline(), b.guideline()), concat(a.cause(), b.cause()), apis,
        union(a.examples(), b.examples()), p, String.join("+", union(
            List.of(a.distiller().split("\\+")), List.of(b.distiller().split("\\+")))));
  }

  private static String concat(String a, String b) {
    if (a.isBlank()) return b;
    if (b.isBlank() || a.contains(b)) return a;
    return a + "\n\n" + b;
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    s.removeIf(String::isBlank);
    return List.copyOf(s);
  }
}
