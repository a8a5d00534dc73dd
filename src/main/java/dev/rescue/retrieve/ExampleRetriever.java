package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.ContextShare;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.pipeline.Analysis;
import dev.rescue.retrieve.fusion.Fused;
import dev.rescue.retrieve.fusion.GatedRrfFuser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RESCUE's code-level retrieval inside the selected CWEs: facets cause, api and code, fused by the
 * same gated RRF. Examples in the task's language are preferred; other languages are searched only
 * when none in the task's language passes. At most {@code examplesPerCwe} per CWE and
 * {@code maxExamples} in all ({@code topK * examplesPerCwe} when every CWE is asked for).
 *
 * <p>Examples cost most of a context's tokens, so unless every CWE is asked for, a CWE that does not
 * earn its whole share ({@link ContextShare}) gets an example only when the example passed the api
 * or code facet.
 */
public final class ExampleRetriever {
  private static final int DEPTH = GatedRrfFuser.CANDIDATES;

  private final KnowledgeBase kb;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final GatedRrfFuser fuser = new GatedRrfFuser();

  public ExampleRetriever(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder) {
    this.kb = kb;
    this.index = index;
    this.embedder = embedder;
  }

  /** @param everyCwe give every selected CWE its examples, with or without evidence from code */
  public List<ScoredExample> retrieve(Analysis analysis, List<ScoredCwe> cwes, Set<Facet> facets, FusionPolicy policy,
      boolean everyCwe) {
    if (cwes.isEmpty() || policy.maxExamples() == 0 || policy.examplesPerCwe() == 0) return List.of();
    Set<String> cweIds = new LinkedHashSet<>();
    cwes.forEach(c -> cweIds.add(c.cwe()));
    Queries q = queries(analysis, facets);
    List<Fused> fused = List.of();
    if (analysis.language() != null) fused = search(analysis, q, cweIds, analysis.language(), policy);
    if (fused.isEmpty()) fused = search(analysis, q, cweIds, null, policy);

    // the KB's cap keeps a tiered context short; a full context gives each selected CWE its share
    int cap = everyCwe ? Math.max(policy.maxExamples(), policy.topK() * policy.examplesPerCwe()) : policy.maxExamples();
    Map<String, Integer> perCwe = new HashMap<>();
    List<ScoredExample> out = new ArrayList<>();
    // walk the CWEs in their rank order so that the best CWE's example comes first
    for (ScoredCwe c : cwes) {
      for (Fused f : fused) {
        if (out.size() >= cap) return out;
        CodeExample ex = kb.example(f.id()).orElse(null);
        if (ex == null || !ex.cwe().equals(c.cwe())) continue;
        if (!everyCwe && !ContextShare.whole(cwes, c) && !hasCodeEvidence(f)) continue;
        if (perCwe.merge(c.cwe(), 1, Integer::sum) > policy.examplesPerCwe()) break;
        out.add(new ScoredExample(ex, f.score(), f.facets()));
      }
    }
    return out;
  }

  private static boolean hasCodeEvidence(Fused f) {
    return f.passed(Facet.API) || f.passed(Facet.CODE);
  }

  /** The facets' query vectors, embedded once for both the language-specific and the open search. */
  private record Queries(float[] cause, float[] code, boolean api) {}

  private Queries queries(Analysis a, Set<Facet> facets) {
    return new Queries(
        facets.contains(Facet.CAUSE) && !a.causeQuery().isBlank() ? embedder.embedQuery(a.causeQuery()) : null,
        facets.contains(Facet.CODE) && a.code() != null && !a.code().isBlank() ? embedder.embedPassage(a.code()) : null,
        facets.contains(Facet.API) && !a.apiCalls().isEmpty());
  }

  private List<Fused> search(Analysis a, Queries q, Set<String> cwes, Language lang, FusionPolicy policy) {
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    if (q.cause() != null) lists.put(Facet.CAUSE, index.examplesByCause(q.cause(), cwes, lang, DEPTH));
    if (q.api()) lists.put(Facet.API, index.examplesByApis(a.apiCalls(), cwes, lang, DEPTH));
    if (q.code() != null) lists.put(Facet.CODE, index.examplesByCode(q.code(), cwes, lang, DEPTH));
    return fuser.fuse(lists, policy);
  }
}
