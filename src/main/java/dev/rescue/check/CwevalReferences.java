package dev.rescue.check;

import dev.rescue.kb.mitre.CweDefinition;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.model.CweIds;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How well {@code rescue check} tells CWEval's references apart, with no LLM: the share of unsafe
 * references flagged with their task's CWE (or a parent or child of it in MITRE's view 1000) at or
 * above a severity, and the share of secure references with any finding at or above it (false
 * positives), per language and per source (each tool alone, then all together).
 *
 * <p>A secure reference is a {@code *_task.EXT} file as a whole (the prompt, then the benchmark's
 * solution); an unsafe one its {@code *_unsafe.EXT} sibling, or, for Python, which has none, the
 * {@code def NAME_unsafe} functions of {@code *_test.py} with that file's imports.
 */
public final class CwevalReferences {
  private static final Pattern TASK = Pattern.compile("(cwe_(\\d+)_\\d+(?:_[a-z]+)?)_task\\.([a-z]+)$");

  /**
   * One reference program.
   *
   * @param development whether its task is even-indexed in the sorted task list: the half rules are
   *     developed on (as scripts/calibration_sets.py splits CWEval); the odd half is held out
   */
  public record Reference(String id, Language language, String cwe, boolean unsafe, String code, boolean development) {}

  private CwevalReferences() {}

  public static List<Reference> read(Path root) {
    if (!Files.isDirectory(root)) throw new IllegalArgumentException("--references " + root + ": no such folder");
    List<Path> tasks;
    try (Stream<Path> all = Files.walk(root)) {
      tasks = all.filter(p -> TASK.matcher(p.getFileName().toString()).find()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    List<Reference> out = new ArrayList<>();
    for (int k = 0; k < tasks.size(); k++) {
      Path task = tasks.get(k);
      boolean dev = k % 2 == 0;
      Matcher m = TASK.matcher(task.getFileName().toString());
      if (!m.find()) continue;
      Language lang = Language.fromFileName(task.getFileName().toString()).orElse(null);
      if (lang == null) continue;
      String cwe = CweIds.normalize(m.group(2));
      String id = root.relativize(task).toString().replace("_task." + m.group(3), "");
      out.add(new Reference(id, lang, cwe, false, readString(task), dev));
      Path unsafe = task.resolveSibling(m.group(1) + "_unsafe." + m.group(3));
      Path test = task.resolveSibling(m.group(1) + "_test.py");
      if (Files.isRegularFile(unsafe)) {
        out.add(new Reference(id, lang, cwe, true, readString(unsafe), dev));
      } else if (lang == Language.PYTHON && Files.isRegularFile(test)) {
        String fn = unsafeFunctions(readString(test));
        if (!fn.isBlank()) out.add(new Reference(id, lang, cwe, true, fn, dev));
      }
    }
    return out;
  }

  /** The imports of a Python test file (but that of the task module) and its {@code def *_unsafe} functions. */
  static String unsafeFunctions(String test) {
    StringBuilder imports = new StringBuilder();
    StringBuilder fns = new StringBuilder();
    boolean in = false;
    for (String line : test.split("\n", -1)) {
      boolean top = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
      if (top) in = false;
      if (top && (line.startsWith("import ") || line.startsWith("from ")) && !line.contains("_task import")) {
        imports.append(line).append('\n');
      } else if (top && line.matches("def \\w+_unsafe\\(.*")) {
        in = true;
      }
      if (in) fns.append(line).append('\n');
    }
    return fns.length() == 0 ? "" : imports + "\n\n" + fns;
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Whether a finding's CWE is the task's, or its parent or child in MITRE's hierarchy. */
  public static boolean related(String found, String expected, MitreCatalog mitre) {
    if (found.equals(expected)) return true;
    if (mitre == null) return false;
    return parents(found, mitre).contains(expected) || parents(expected, mitre).contains(found);
  }

  private static List<String> parents(String cwe, MitreCatalog mitre) {
    return mitre.get(cwe).map(CweDefinition::parents).orElse(List.of());
  }

  /** Counts of one language and source. */
  static final class Tally {
    int unsafe;
    int flagged;
    int flaggedAny;
    int secure;
    int falsePositive;

    String share(int k, int n) {
      return n == 0 ? "   -" : String.format(Locale.ROOT, "%4.2f", (double) k / n);
    }
  }

  /**
   * Checks every reference with each source alone and all together, and prints the table.
   *
   * @param sources the checkers by name; "all" is their findings merged
   */
  public static String measure(List<Reference> refs, Map<String, CodeChecker> sources, Severity at, MitreCatalog mitre) {
    Map<String, Map<String, Tally>> table = new TreeMap<>(); // source -> language -> tally
    Map<String, Map<String, Tally>> halves = new TreeMap<>(); // source -> half -> tally
    List<String> names = new ArrayList<>(sources.keySet());
    names.add("all");
    for (Reference r : refs) {
      SourceUnit unit = new SourceUnit(r.id() + (r.unsafe() ? "_unsafe" : "_task") + r.language().extensions().get(0),
          r.code(), r.language(), null);
      List<Finding> everything = new ArrayList<>();
      Map<String, List<Finding>> bySource = new TreeMap<>();
      for (Map.Entry<String, CodeChecker> s : sources.entrySet()) {
        CheckResult result = s.getValue().check(unit);
        // a source that does not check the language is no row of it
        if (result.tools().isEmpty() && result.failures().isEmpty()) continue;
        List<Finding> fs = result.findings();
        bySource.put(s.getKey(), fs);
        everything.addAll(fs);
      }
      bySource.put("all", Deduplication.merge(everything));
      for (String name : names) {
        List<Finding> fs = bySource.get(name);
        if (fs == null) continue;
        List<Tally> tallies = new ArrayList<>();
        for (String lang : List.of(r.language().id(), "total")) {
          tallies.add(table.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(lang, k -> new Tally()));
        }
        tallies.add(halves.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(r.development() ? "even" : "odd",
            k -> new Tally()));
        for (Tally t : tallies) {
          if (r.unsafe()) {
            t.unsafe++;
            if (fs.stream().anyMatch(f -> f.severity().atLeast(at) && related(f.cwe(), r.cwe(), mitre))) t.flagged++;
            if (fs.stream().anyMatch(f -> related(f.cwe(), r.cwe(), mitre))) t.flaggedAny++;
          } else {
            t.secure++;
            if (fs.stream().anyMatch(f -> f.severity().atLeast(at))) t.falsePositive++;
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    String sev = at.name().toLowerCase(Locale.ROOT);
    appendTable(out, "lang", names, table);
    out.append('\n');
    appendTable(out, "half", names, halves);
    out.append("half: even = the even-indexed tasks, on which the rules were developed; odd = held out\n");
    out.append("flagged: unsafe references with a finding of their CWE (or its MITRE parent or child) at or above ")
        .append(sev).append("; (any sev): at any severity; false pos: secure references with any finding at or above ")
        .append(sev).append('\n');
    return out.toString();
  }

  /** One row per source and {@code key} (a language or a half): the tallies' counts and shares. */
  private static void appendTable(StringBuilder out, String key, List<String> names, Map<String, Map<String, Tally>> rows) {
    out.append(String.format(Locale.ROOT, "%-11s %-6s %6s %7s %9s %6s %9s%n", "source", key, "unsafe",
        "flagged", "(any sev)", "secure", "false pos"));
    for (String name : names) {
      for (Map.Entry<String, Tally> e : rows.getOrDefault(name, Map.of()).entrySet()) {
        Tally t = e.getValue();
        out.append(String.format(Locale.ROOT, "%-11s %-6s %6d %7s %9s %6d %9s%n", name, e.getKey(), t.unsafe,
            t.share(t.flagged, t.unsafe), t.share(t.flaggedAny, t.unsafe), t.secure, t.share(t.falsePositive, t.secure)));
      }
    }
  }
}
