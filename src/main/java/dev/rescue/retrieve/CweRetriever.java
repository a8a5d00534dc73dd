package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.ScoredCwe;
import dev.rescue.pipeline.Analysis;
import dev.rescue.retrieve.fusion.Fused;
import dev.rescue.retrieve.fusion.GatedRrfFuser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * RESCUE's CWE-level retrieval: facet cause (dense, the cause query against each CWE, see {@link CauseFacet},
 * ranked with the KB's prevalence prior) and facet api (BM25, the code's API calls against each CWE's
 * API set), fused by gated RRF, top k.
 */
public final class CweRetriever {
  /** How many API hits to rank; the rank cap makes deeper ones irrelevant. */
  private static final int API_DEPTH = 50;

  private final KnowledgeBase kb;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final NeutralTasks neutral;
  private final CauseFacet causeFacet;
  private final GatedRrfFuser fuser = new GatedRrfFuser();

  /** @param neutral the neutral tasks for the policy's neutral margin, or null when it is off */
  public CweRetriever(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral) {
    this.kb = kb;
    this.index = index;
    this.embedder = embedder;
    this.neutral = neutral;
    this.causeFacet = new CauseFacet(kb, index);
  }

  public CweRetrieval retrieve(Analysis analysis, Set<Facet> facets, FusionPolicy policy) {
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    double neutralScore = Double.NaN;
    if (facets.contains(Facet.CAUSE) && !analysis.causeQuery().isBlank()) {
      float[] query = embedder.embedQuery(analysis.causeQuery());
      lists.put(Facet.CAUSE, Prevalence.rank(causeFacet.score(query), policy.prevalenceWeight()));
      if (neutral != null && policy.neutralMargin() != null) {
        neutralScore = neutral.similarity(query);
        // the cause gate adapts to the task: above the fixed tau AND above its likeness to neutral tasks
        policy = policy.forTask(neutralScore);
      }
    }
    if (facets.contains(Facet.API) && !analysis.apiCalls().isEmpty()) {
      lists.put(Facet.API, index.cwesByApis(analysis.apiCalls(), API_DEPTH));
    }
    List<Fused> fused = fuser.fuse(lists, policy);
    List<ScoredCwe> selected = new ArrayList<>();
    for (Fused f : fused) {
      if (selected.size() >= policy.topK()) break;
      kb.cwe(f.id()).ifPresent(entry -> selected.add(new ScoredCwe(entry, f.score(), f.facets())));
    }
    List<String> reasons = selected.isEmpty() ? reasons(facets, lists, policy, neutralScore) : List.of();
    return new CweRetrieval(selected, reasons);
  }

  private List<String> reasons(Set<Facet> facets, Map<Facet, List<Hit>> lists, FusionPolicy policy, double neutralScore) {
    List<String> out = new ArrayList<>();
    for (Facet f : new Facet[] {Facet.CAUSE, Facet.API}) {
      String name = f.key();
      if (!facets.contains(f)) {
        out.add(name + ": switched off");
      } else if (!lists.containsKey(f)) {
        out.add(name + ": " + (f == Facet.CAUSE ? "no task text or comments to analyse" : "no API calls in the code"));
      } else {
        List<Hit> hits = lists.get(f);
        if (hits.isEmpty()) {
          out.add(name + ": no match in the knowledge base");
        } else {
          Hit best = hits.stream().max(java.util.Comparator.comparingDouble(Hit::score)).get();
          String label = kb.cwe(best.id()).map(CweEntry::cwe).orElse(best.id());
          String why = f == Facet.CAUSE && !Double.isNaN(neutralScore)
              ? String.format(Locale.ROOT, " (the task is %.3f like an ordinary, security-neutral task)", neutralScore)
              : "";
          out.add(String.format(Locale.ROOT, "%s: best %.3f (%s) is not above the gate %.3f%s",
              name, best.score(), label, policy.tau(f), why));
        }
      }
    }
    return out;
  }
}
