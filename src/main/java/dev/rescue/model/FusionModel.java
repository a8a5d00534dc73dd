package dev.rescue.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The learned fusion of a knowledge base, stored with it like the gates (its manifest's {@code fusion};
 * for the bundled KB {@code src/main/curated/fusion.yaml}, written by {@code rescue fusion train}):
 * a linear score {@code w . x(task, cwe)} over named features, turned into a probability over the
 * task's candidate CWEs by a softmax. The weights depend on the KB's embedder and its CWEs, so they
 * live with the KB and not in the code.
 *
 * @param method the KB's default fusion ({@code rrf} or {@code learned}); a user's {@code --fusion} overrides it
 * @param features the feature names, in the order of {@code weights}; each must be one the code computes
 * @param weights one weight per feature
 */
public record FusionModel(String method, List<String> features, List<Double> weights) {
  public FusionModel {
    FusionMethod.parse(method); // a misspelt default is an error, not a silent rrf
    features = List.copyOf(features);
    weights = List.copyOf(weights);
    if (features.size() != weights.size()) {
      throw new IllegalArgumentException("fusion: " + features.size() + " features but " + weights.size() + " weights");
    }
    Set<String> seen = new HashSet<>();
    for (String f : features) {
      if (!seen.add(f)) throw new IllegalArgumentException("fusion: feature '" + f + "' is listed twice");
    }
    for (Double w : weights) {
      if (w == null || !Double.isFinite(w)) throw new IllegalArgumentException("fusion: weight " + w + " is not a finite number");
    }
  }

  public FusionMethod defaultMethod() {
    return FusionMethod.parse(method);
  }

  public FusionModel withMethod(FusionMethod m) {
    return new FusionModel(m.key(), features, weights);
  }
}
