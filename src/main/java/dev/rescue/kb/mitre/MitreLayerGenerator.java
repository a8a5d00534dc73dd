package dev.rescue.kb.mitre;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.kb.Sha256;
import dev.rescue.kb.mitre.CweDefinition.DemonstrativeExample;
import dev.rescue.kb.mitre.CweDefinition.ExampleCode;
import dev.rescue.kb.mitre.CweDefinition.Mitigation;
import dev.rescue.kb.mitre.CweDefinition.ObservedExample;
import dev.rescue.model.ApiSet;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Derives the MITRE layer from MITRE's CWE XML, for the CWEs {@link MitreLayerSelection} picks:
 * <ul>
 *   <li>guideline: the implementation-phase potential mitigations, condensed to {@link #GUIDELINE_WORDS}
 *       words by whole sentences, each mitigation's first sentence before any one's second (so that
 *       five short mitigations beat one long one); the other phases' mitigations only as a last resort;
 *   <li>cause: the description, then the observed examples' descriptions (real CVEs, in words a task
 *       uses: "SQL injection in file-transfer system via a crafted Host header") up to
 *       {@link #CAUSE_WORDS} words;
 *   <li>examples: each demonstrative example's first Bad and the following Good code in one of our
 *       languages, both at most {@link #MAX_LINES} lines, as a parallel vulnerable/secure pair, at
 *       most {@link #MAX_EXAMPLES} per CWE (different languages first);
 *   <li>API sets: per example language, the calls only the bad code makes (risky) and only the good one
 *       makes (safe).
 * </ul>
 * The word limits are the KB's ({@code RulesDistiller}, {@code LlmDistiller}: 120 and 80).
 */
public final class MitreLayerGenerator {
  static final int GUIDELINE_WORDS = 120;
  static final int CAUSE_WORDS = 80;
  /** The description's share of the cause; the rest is for observed examples. */
  static final int DESCRIPTION_WORDS = 50;
  static final int MAX_EXAMPLES = 2;
  static final int MAX_LINES = 30;
  static final int INTRO_WORDS = 30;
  static final int MAX_FALLBACK = 6;
  /** Advice for languages the KB does not serve (PHP's register_globals, ASP.NET, Perl's taint mode). */
  private static final Pattern OTHER_LANGUAGES = Pattern.compile("\\b(PHP|register_globals|Perl|ASP\\.NET|C#|\\.NET|Ruby)\\b");
  /** A pair is parallel when this share of the shorter side's non-blank lines occurs in the other side. */
  static final double MIN_SHARED_LINES = 0.3;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"'(`])");

  private MitreLayerGenerator() {}

  public static MitreLayer generate(Path xml) {
    MitreCatalog catalog = MitreCatalog.read(xml);
    return generate(catalog, MitreLayerSelection.of(catalog), Sha256.of(xml));
  }

  public static MitreLayer generate(MitreCatalog catalog, MitreLayerSelection selection, String xmlSha256) {
    String name = "CWE List " + catalog.version() + " (" + catalog.date() + ")";
    Map<String, Integer> spread = new HashMap<>();
    for (CweDefinition d : catalog.all()) {
      for (String m : new HashSet<>(d.mitigations())) spread.merge(m, 1, Integer::sum);
    }
    List<MitreLayer.Entry> entries = new ArrayList<>();
    selection.reasons().forEach((cwe, why) ->
        entries.add(entry(catalog, catalog.get(cwe).orElseThrow(), List.copyOf(why), spread)));
    return new MitreLayer(name, xmlSha256, MitreNotice.TEXT, entries);
  }

  /**
   * @param spread for each mitigation text, how many weaknesses of the catalogue carry it: MITRE
   *     repeats generic advice (the input-validation paragraph is on dozens), so a CWE's own advice
   *     goes first and the shared one fills what room is left
   */
  static MitreLayer.Entry entry(MitreCatalog catalog, CweDefinition d, List<String> why, Map<String, Integer> spread) {
    List<String> implementation = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Mitigation m : d.potentialMitigations()) {
      (m.phases().contains("Implementation") ? implementation : other).add(m.description());
    }
    Comparator<String> specificFirst = Comparator.comparingInt(m -> spread.getOrDefault(m, 1));
    implementation.sort(specificFirst); // stable: MITRE's order among equally specific ones
    other.sort(specificFirst);
    String guideline = condense(implementation, GUIDELINE_WORDS);
    String otherGuideline = guideline.isEmpty() ? condense(other, GUIDELINE_WORDS) : "";
    List<String> observed = new ArrayList<>();
    String cause = cause(d, observed);
    List<MitreLayer.Example> examples = examples(d);
    return new MitreLayer.Entry(d.cwe(), d.name(), why, d.abstraction(), d.parents(), ancestors(catalog, d), guideline,
        otherGuideline, cause, observed, apis(examples), examples);
  }

  /** Ancestors in view 1000, breadth first (nearest first), each once. */
  static List<String> ancestors(MitreCatalog catalog, CweDefinition d) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(d.cwe()));
    Deque<String> queue = new ArrayDeque<>(d.parents());
    while (!queue.isEmpty() && out.size() < MAX_FALLBACK) {
      String c = queue.removeFirst();
      if (!seen.add(c)) continue;
      Optional<CweDefinition> def = catalog.get(c);
      if (def.isEmpty()) continue;
      out.add(c);
      queue.addAll(def.get().parents());
    }
    return out;
  }

  /**
   * Whole sentences of the texts, at most {@code max} words: the first sentence of every text, then
   * the second of every text, and so on, printed in the texts' order; repeated sentences once.
   */
  static String condense(List<String> texts, int max) {
    List<List<String>> sentences = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String t : texts) {
      List<String> own = new ArrayList<>();
      for (String s : SENTENCE_END.split(firstParagraph(t))) {
        String clean = s.replaceAll("\\s+", " ").strip();
        if (!clean.isEmpty() && !OTHER_LANGUAGES.matcher(clean).find() && seen.add(clean)) own.add(clean);
      }
      if (!own.isEmpty()) sentences.add(own);
    }
    if (sentences.isEmpty()) return "";
    boolean[][] chosen = new boolean[sentences.size()][];
    for (int i = 0; i < sentences.size(); i++) chosen[i] = new boolean[sentences.get(i).size()];
    int words = 0;
    boolean any = false;
    for (int round = 0; ; round++) {
      boolean more = false;
      for (int i = 0; i < sentences.size(); i++) {
        if (round >= sentences.get(i).size()) continue;
        more = true;
        int w = words(sentences.get(i).get(round));
        if (round > 0 && !chosen[i][round - 1]) continue; // a text's sentences stay in order, without gaps
        if (words + w <= max) {
          chosen[i][round] = true;
          words += w;
          any = true;
        }
      }
      if (!more) break;
    }
    if (!any) return cut(sentences.get(0).get(0), max); // one first sentence longer than the limit
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sentences.size(); i++) {
      for (int j = 0; j < sentences.get(i).size(); j++) {
        if (chosen[i][j]) out.append(out.length() == 0 ? "" : " ").append(sentences.get(i).get(j));
      }
    }
    return out.toString();
  }

  private static String cause(CweDefinition d, List<String> observedIds) {
    String description = condense(List.of(d.description()), DESCRIPTION_WORDS);
    StringBuilder cause = new StringBuilder(description);
    int words = words(description);
    String lead = "Seen in: ";
    boolean first = true;
    for (ObservedExample o : d.observedExamples()) {
      String text = observedText(o.description());
      int w = words(text) + (first ? 2 : 0);
      if (words + w > CAUSE_WORDS) continue; // a shorter one further down may still fit
      cause.append(first ? (cause.length() == 0 ? "" : " ") + lead : "; ").append(text);
      words += w;
      first = false;
      observedIds.add(o.reference());
    }
    if (!first) cause.append('.');
    return cause.toString();
  }

  /**
   * An observed example's description as retrieval text: without MITRE's cross-references
   * ("(CWE-681)") and its "as exploited in the wild per CISA KEV" remarks, which say nothing about
   * the task.
   */
  static String observedText(String description) {
    return description.replaceAll("\\s+", " ")
        .replaceAll("\\s*\\(CWE-\\d+\\)", "")
        .replaceAll(",?\\s*as exploited in the wild per CISA KEV", "")
        .strip().replaceAll("[.;]+$", "");
  }

  private static List<MitreLayer.Example> examples(CweDefinition d) {
    List<MitreLayer.Example> all = new ArrayList<>();
    for (DemonstrativeExample x : d.demonstrativeExamples()) {
      List<ExampleCode> codes = x.codes();
      for (int i = 0; i < codes.size(); i++) {
        ExampleCode bad = codes.get(i);
        Optional<Language> lang = language(bad.language());
        if (!bad.nature().equals("Bad") || lang.isEmpty()) continue;
        for (int j = i + 1; j < codes.size(); j++) {
          ExampleCode good = codes.get(j);
          if (good.nature().equals("Good") && language(good.language()).equals(lang)) {
            if (usable(bad.code(), good.code())) {
              all.add(new MitreLayer.Example(lang.get().id(), cut(firstSentence(x.intro()), INTRO_WORDS), bad.code(), good.code()));
            }
            break;
          }
        }
        break; // the example's first bad code in our languages, paired or not
      }
    }
    List<MitreLayer.Example> out = new ArrayList<>();
    Set<String> languages = new HashSet<>();
    for (MitreLayer.Example e : all) {
      if (out.size() < MAX_EXAMPLES && languages.add(e.language())) out.add(e);
    }
    for (MitreLayer.Example e : all) {
      if (out.size() < MAX_EXAMPLES && !out.contains(e)) out.add(e);
    }
    return out;
  }

  /** Both sides short, different, and parallel: MITRE's Good code is sometimes a two-line fragment of the fix. */
  static boolean usable(String bad, String good) {
    if (bad.isBlank() || good.isBlank() || bad.strip().equals(good.strip())) return false;
    if (bad.lines().count() > MAX_LINES || good.lines().count() > MAX_LINES) return false;
    Set<String> badLines = new HashSet<>(code(bad));
    Set<String> goodLines = new HashSet<>(code(good));
    int shorter = Math.min(badLines.size(), goodLines.size());
    if (shorter < 2) return false;
    Set<String> shared = new HashSet<>(badLines);
    shared.retainAll(goodLines);
    return shared.size() >= MIN_SHARED_LINES * shorter;
  }

  /** The non-blank, non-elision lines, stripped. */
  private static List<String> code(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("...")).toList();
  }

  private static Map<String, ApiSet> apis(List<MitreLayer.Example> examples) {
    Map<String, Set<String>> risky = new TreeMap<>();
    Map<String, Set<String>> safe = new TreeMap<>();
    for (MitreLayer.Example e : examples) {
      Language lang = Language.parse(e.language());
      Set<String> bad = ApiExtractor.apiCalls(e.vulnerable(), lang);
      Set<String> good = ApiExtractor.apiCalls(e.secure(), lang);
      for (String c : bad) if (!good.contains(c)) risky.computeIfAbsent(e.language(), k -> new LinkedHashSet<>()).add(c);
      for (String c : good) if (!bad.contains(c)) safe.computeIfAbsent(e.language(), k -> new LinkedHashSet<>()).add(c);
    }
    Map<String, ApiSet> out = new TreeMap<>();
    Set<String> langs = new java.util.TreeSet<>(risky.keySet());
    langs.addAll(safe.keySet());
    for (String l : langs) {
      out.put(l, new ApiSet(List.copyOf(risky.getOrDefault(l, Set.of())), List.copyOf(safe.getOrDefault(l, Set.of()))));
    }
    return out;
  }

  /** Our languages by MITRE's names ({@code C}, {@code C++}, {@code Java}, {@code JavaScript}, {@code Python}, {@code Go}). */
  static Optional<Language> language(String mitreName) {
    return Language.fromId(mitreName).filter(l -> l != Language.RUBY);
  }

  private static String firstParagraph(String text) {
    int p = text.indexOf("\n\n");
    return p < 0 ? text : text.substring(0, p);
  }

  private static String firstSentence(String text) {
    String[] s = SENTENCE_END.split(firstParagraph(text).replaceAll("\\s+", " ").strip(), 2);
    return s.length == 0 ? "" : s[0];
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** At most {@code max} words, an ellipsis when cut. */
  static String cut(String text, int max) {
    String[] w = text.strip().split("\\s+");
    if (w.length <= max) return String.join(" ", w);
    return String.join(" ", java.util.Arrays.copyOf(w, max)) + " …";
  }
}
