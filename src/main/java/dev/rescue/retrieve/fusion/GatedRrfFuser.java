package dev.rescue.retrieve.fusion;

import dev.rescue.index.Hit;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.FusionPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RESCUE's gated reciprocal-rank fusion (Retrieval-Augmented Secure Code Generation, ICLR 2026):
 *
 * <pre>RRF(d) = sum_i V_i(d) / (alpha + r_i(d)),   V_i(d) = [s_i(d) &gt; tau_i] * [r_i(d) &lt;= rankCap]</pre>
 *
 * <p>Ranks are 1-based and computed here from the hits' ranking scores (best first; equal scores
 * ranked by id), so the order in which a facet's hits arrive does not matter; the gate {@code s_i}
 * reads the raw score. An entry whose every facet fails its
 * gate has RRF 0 and is dropped: that is how RESCUE abstains when a task needs no security context.
 * Knobs ({@code alpha}, {@code rankCap}, the taus) come from the {@link FusionPolicy} stored with
 * the knowledge base. Results are ordered by RRF, then by the number of facets passed, then by the
 * best single rank, then by id, so ties are broken deterministically.
 */
public final class GatedRrfFuser {
  /**
   * Hits of each facet fetched from the index before fusion, for CWEs and examples alike. Five times
   * the paper's rank cap (10): the fuser ranks by each hit's ranking score, which priors may raise
   * above the index's order, so a hit the index put below the cap can still rank within it; deeper
   * than that no hit has been seen to rise, and each list stays cheap to fetch and sort. The
   * baseline retriever uses it as its rank cap too, so that it fuses all it fetched.
   */
  public static final int CANDIDATES = 50;

  private static final Comparator<Hit> BY_SCORE =
      Comparator.comparingDouble(Hit::rankScore).reversed().thenComparing(Hit::id);

  /**
   * @param facetHits each facet's hits; a facet missing from the map, or with no hits, contributes nothing
   * @return the fused entries with RRF above 0, best first (not truncated to top-k)
   */
  public List<Fused> fuse(Map<Facet, List<Hit>> facetHits, FusionPolicy policy) {
    Map<String, Map<Facet, FacetScore>> byId = facetScores(facetHits, policy);
    List<Fused> out = new ArrayList<>();
    for (Map.Entry<String, Map<Facet, FacetScore>> e : byId.entrySet()) {
      double rrf = rrf(e.getValue(), policy);
      if (rrf > 0) out.add(new Fused(e.getKey(), rrf, e.getValue()));
    }
    out.sort(Comparator.comparingDouble(Fused::score).reversed()
        .thenComparing(f -> -passedCount(f))
        .thenComparingInt(GatedRrfFuser::bestPassedRank)
        .thenComparing(Fused::id));
    return out;
  }

  /**
   * Every listed entry's score, rank and gate verdict in each facet, before any is dropped: what the
   * fusion reads, and what the learned fusion reads too.
   */
  public Map<String, Map<Facet, FacetScore>> facetScores(Map<Facet, List<Hit>> facetHits, FusionPolicy policy) {
    Map<String, Map<Facet, FacetScore>> byId = new HashMap<>();
    for (Map.Entry<Facet, List<Hit>> e : facetHits.entrySet()) {
      Facet facet = e.getKey();
      double tau = policy.tau(facet);
      List<Hit> ranked = new ArrayList<>(e.getValue());
      ranked.sort(BY_SCORE);
      int rank = 0;
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Hit h : ranked) {
        if (!seen.add(h.id())) continue; // a duplicate id keeps its best score only
        rank++;
        boolean passed = h.score() > tau && rank <= policy.rankCap();
        byId.computeIfAbsent(h.id(), k -> new EnumMap<>(Facet.class))
            .put(facet, new FacetScore(h.score(), rank, passed));
      }
    }
    return byId;
  }

  /** The gated RRF of one entry's facet scores: 0 when no facet passed. */
  public static double rrf(Map<Facet, FacetScore> scores, FusionPolicy policy) {
    double rrf = 0;
    for (FacetScore s : scores.values()) {
      if (s.passed()) rrf += 1.0 / (policy.alpha() + s.rank());
    }
    return rrf;
  }

  private static int passedCount(Fused f) {
    return (int) f.facets().values().stream().filter(FacetScore::passed).count();
  }

  private static int bestPassedRank(Fused f) {
    return f.facets().values().stream().filter(FacetScore::passed)
        .mapToInt(FacetScore::rank).min().orElse(Integer.MAX_VALUE);
  }
}
