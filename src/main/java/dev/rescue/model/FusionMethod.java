package dev.rescue.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the CWE layer combines its facet lists into one ranking. */
public enum FusionMethod {
  /** RESCUE's gated reciprocal-rank fusion (the paper's). */
  RRF,
  /**
   * A softmax ranker over per-candidate features (facet scores and ranks, the prevalence prior,
   * agreement of the facets, the task's language), its weights stored with the KB ({@link FusionModel});
   * it decides the order only: whether the task gets any CWE is still the gates' decision.
   */
  LEARNED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code rrf} or {@code learned}, case-insensitive; anything else is an error naming the choices. */
  public static FusionMethod parse(String raw) {
    for (FusionMethod m : values()) {
      if (m.key().equals(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT))) return m;
    }
    throw new IllegalArgumentException("unknown fusion '" + raw + "' (expected "
        + Arrays.stream(values()).map(FusionMethod::key).collect(Collectors.joining(" or ")) + ")");
  }
}
