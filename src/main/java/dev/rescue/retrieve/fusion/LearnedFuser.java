package dev.rescue.retrieve.fusion;

import dev.rescue.index.Hit;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The learned fusion: the gated RRF decides whether a task gets any CWE (so abstention is the gates'
 * and stays calibrated as they are), and a softmax over {@link FusionFeatures} orders the candidates.
 * The candidates are the CWEs within the rank cap of some facet, passed or not: a CWE the cause gate
 * cut at rank 6 may still be the right one once its API evidence and language are weighed. Each
 * entry's score is its probability under the model, so the scores of a task sum to 1 over its
 * candidates and read as the model's confidence.
 */
public final class LearnedFuser {
  /** One candidate of a task and its feature vector, for scoring and for training. */
  public record Candidate(String id, Map<Facet, FacetScore> facets, double[] x) {}

  private final GatedRrfFuser rrf = new GatedRrfFuser();
  private final FusionFeatures features;

  public LearnedFuser(FusionFeatures features) {
    this.features = features;
  }

  /**
   * The candidates of a task, ordered by id (so training sees them in a fixed order); empty when the
   * gated RRF abstains.
   *
   * @param lists the facet lists, the cause facet already ranked with the prevalence prior
   * @param policy the task's policy (its cause gate fitted to the task)
   */
  public List<Candidate> candidates(Map<Facet, List<Hit>> lists, FusionPolicy policy, Language language) {
    Map<String, Map<Facet, FacetScore>> scores = rrf.facetScores(lists, policy);
    boolean any = scores.values().stream().anyMatch(s -> GatedRrfFuser.rrf(s, policy) > 0);
    if (!any) return List.of();
    Map<String, double[]> x = features.vectors(scores, policy, language);
    List<Candidate> out = new ArrayList<>();
    for (Map.Entry<String, Map<Facet, FacetScore>> e : scores.entrySet()) {
      boolean withinCap = e.getValue().values().stream().anyMatch(s -> s.rank() <= policy.rankCap());
      if (withinCap) out.add(new Candidate(e.getKey(), e.getValue(), x.get(e.getKey())));
    }
    out.sort(Comparator.comparing(Candidate::id));
    return out;
  }

  /** The task's candidates, best first, each scored by its probability under {@code model}. */
  public List<Fused> fuse(Map<Facet, List<Hit>> lists, FusionPolicy policy, Language language, FusionModel model) {
    double[] w = weights(model);
    List<Candidate> candidates = candidates(lists, policy, language);
    double[] p = SoftmaxRanker.probabilities(candidates.stream().map(Candidate::x).toList(), w);
    List<Fused> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      // a probability can underflow to 0; the floor keeps every candidate a fused entry (score > 0)
      out.add(new Fused(candidates.get(i).id(), Math.max(p[i], Double.MIN_VALUE), candidates.get(i).facets()));
    }
    out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
    return out;
  }

  /** The model's weights in {@link FusionFeatures#NAMES} order; a model of other features is refused. */
  public static double[] weights(FusionModel model) {
    if (!model.features().equals(FusionFeatures.NAMES)) {
      throw new IllegalArgumentException("the KB's learned fusion was trained on the features " + model.features()
          + ", this rescue computes " + FusionFeatures.NAMES + ": retrain it with 'rescue fusion train'");
    }
    return model.weights().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
