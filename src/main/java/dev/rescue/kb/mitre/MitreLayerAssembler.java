package dev.rescue.kb.mitre;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.slicing.LineDiff;
import dev.rescue.internal.Tokens;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.Sha256;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import dev.rescue.model.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the MITRE layer under a curated KB: one entry per {@link #RETRIEVABLE specific} layer CWE the
 * curated KB lacks ({@code distiller: mitre}; curated entries win where both exist), its examples
 * {@code mitre:CWE-121:c} (source {@code mitre}), MITRE's notice in every entry's provenance and the
 * layer file among the manifest's sources. The broad layer entries (Pillar, Class) are not retrieved
 * but still give their guidance to their descendants.
 *
 * <p>The hierarchy is resolved here, when the KB is assembled, not when it is queried: a child whose
 * own implementation guideline is empty takes its nearest ancestor's (view 1000, nearest first,
 * curated or MITRE), and one whose own is thin (under {@link #THIN_WORDS} words) is followed by it up
 * to the word limit. At build time because the result is plain KB content: it is indexed, shown by
 * {@code kb info} and retrieval stays as fast as it is; and here rather than in the generator because
 * a curated ancestor's guidance (better than MITRE's generic text) changes with the curated files.
 */
public final class MitreLayerAssembler {
  /** The folder beside the curated files that holds the layer file. */
  public static final String FOLDER = "mitre";
  public static final String DISTILLER = "mitre";
  static final int THIN_WORDS = 30;
  /**
   * The abstraction levels that become KB entries. A Pillar or Class (CWE-913 "Improper Control of
   * Dynamically-Managed Code Resources", CWE-664) is so broad that its cause text is near every task
   * and it crowded out the right, specific CWE (SafeCoder-val Hit@4 0.591 to 0.457 with them); a
   * task names a specific weakness, so Base, Variant and Compound (a chain such as CWE-680) stay.
   */
  static final Set<String> RETRIEVABLE = Set.of("Base", "Variant", "Compound");

  private MitreLayerAssembler() {}

  /** {@code curated} with the layer of {@code folder/mitre/} under it; unchanged when there is no layer file. */
  public static KnowledgeBase under(KnowledgeBase curated, Path curatedFolder) {
    Path file = curatedFolder.resolve(FOLDER).resolve(MitreLayer.FILE);
    if (!Files.isRegularFile(file)) return curated;
    return under(curated, MitreLayer.read(file), new KbManifest.Source("mitre:" + MitreLayer.FILE, Sha256.of(file)));
  }

  static KnowledgeBase under(KnowledgeBase curated, MitreLayer layer, KbManifest.Source source) {
    Map<String, MitreLayer.Entry> byCwe = new HashMap<>();
    for (MitreLayer.Entry e : layer.entries()) byCwe.put(e.cwe(), e);
    List<CweEntry> cwes = new ArrayList<>(curated.cwes());
    List<CodeExample> examples = new ArrayList<>(curated.examples());
    Provenance provenance = new Provenance(List.of(), List.of(), List.of(), MitreNotice.oneLine(layer.catalog()));
    for (MitreLayer.Entry e : layer.entries()) {
      if (curated.cwe(e.cwe()).isPresent() || !retrievable(e)) continue;
      List<CodeExample> own = examples(e);
      examples.addAll(own);
      cwes.add(new CweEntry(e.cwe(), e.name(), guideline(e, curated, byCwe), e.cause(), e.apis(),
          own.stream().map(CodeExample::id).toList(), provenance, DISTILLER));
    }
    List<KbManifest.Source> sources = new ArrayList<>(curated.manifest().sources());
    sources.add(source);
    KbManifest m = curated.manifest();
    KbManifest manifest = new KbManifest(m.formatVersion(), m.created(), sources, m.embedder(), m.gates(), m.counts(), m.files(),
        m.fusion());
    return new KnowledgeBase(manifest, cwes, examples);
  }

  /**
   * A Class that users meet by name, because a code scanner reports it or a held-out set labels it
   * (any source of the selection but the Top 25 hierarchy), is retrieved too: CWE-330, CWE-345,
   * CWE-665 and CWE-185 are such classes. Retrieval holds every layer entry back by a margin
   * ({@code retrieve.LayerGate}), so a broad cause text no longer crowds out the specific CWE.
   */
  static final Set<String> HIERARCHY_ONLY = Set.of("top25-parent", "top25-child");

  /** Whether the entry becomes a KB entry; the others only lend their guidance to their descendants. */
  static boolean retrievable(MitreLayer.Entry e) {
    return RETRIEVABLE.contains(e.abstraction())
        || "Class".equals(e.abstraction()) && e.selectedBy().stream().anyMatch(s -> !HIERARCHY_ONLY.contains(s));
  }

  static String guideline(MitreLayer.Entry e, KnowledgeBase curated, Map<String, MitreLayer.Entry> layer) {
    String own = e.guideline();
    if (words(own) >= THIN_WORDS) return own;
    Optional<String> inherited = e.fallback().stream()
        .map(a -> curated.cwe(a).map(CweEntry::guideline)
            .or(() -> Optional.ofNullable(layer.get(a)).map(MitreLayer.Entry::guideline))
            .filter(g -> !g.isBlank()))
        .flatMap(Optional::stream)
        .findFirst();
    if (inherited.isEmpty()) return own.isBlank() ? e.otherGuideline() : own;
    if (own.isBlank()) return inherited.get();
    return MitreLayerGenerator.condense(List.of(own, inherited.get()), MitreLayerGenerator.GUIDELINE_WORDS);
  }

  private static List<CodeExample> examples(MitreLayer.Entry e) {
    List<CodeExample> out = new ArrayList<>();
    Map<Language, Integer> perLanguage = new HashMap<>();
    for (MitreLayer.Example x : e.examples()) {
      Language lang = Language.parse(x.language());
      int n = perLanguage.merge(lang, 1, Integer::sum);
      String id = "mitre:" + e.cwe() + ":" + lang.id() + (n == 1 ? "" : ":" + n);
      Set<String> calls = new LinkedHashSet<>(ApiExtractor.apiCalls(x.vulnerable(), lang));
      calls.addAll(ApiExtractor.apiCalls(x.secure(), lang));
      List<Integer> poi = LineDiff.of(x.vulnerable(), x.secure()).added();
      out.add(new CodeExample(id, e.cwe(), lang, x.vulnerable(), x.secure(), List.copyOf(calls), poi, 0,
          Tokens.count(x.secure()), DISTILLER, x.description()));
    }
    return out;
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
