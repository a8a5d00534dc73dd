package dev.rescue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The knobs of RESCUE's gated reciprocal-rank fusion, stored with the knowledge base because the
 * thresholds depend on its embedder and BM25 statistics.
 *
 * <pre>RRF(d) = sum_i V_i(d) / (alpha + r_i(d)),  V_i(d) = [s_i(d) &gt; tau_i] * [r_i(d) &lt;= rankCap]</pre>
 *
 * @param alpha RRF smoothing constant (paper: 60)
 * @param rankCap ranks beyond this contribute nothing (paper: 10)
 * @param topK CWEs kept after fusion (paper: 4)
 * @param tauCause gate on cosine similarity of the cause facet (paper: 0.75 with bge-base)
 * @param tauApi gate on raw BM25 of the API facet (paper: 4.0)
 * @param tauCode gate on cosine similarity of the code facet (paper: 0.65 with bge-base)
 * @param examplesPerCwe code examples kept per selected CWE
 * @param maxExamples code examples kept in all
 * @param neutralMargin our extension, null when off: the cause gate of a task also requires its cause
 *     score to exceed, by this margin (which may be negative), the task's similarity to the nearest of a
 *     set of ordinary, security-neutral programming tasks; the gate then adapts to each task instead of
 *     being one cosine for all
 * @param prevalenceWeight our extension, 0 when off: the cause facet ranks CWEs by similarity plus
 *     this weight times the weakness's prevalence (1 for the most common, falling to 0 outside MITRE's
 *     Top 25); its gate still reads the similarity alone
 * @param quietCodeMargin our extension, null when off: added to the cause gate of a task whose given code
 *     was read and carries no security signal ({@code dev.rescue.analysis.signals.CodeSignals}): an
 *     ordinary code prefix must match a weakness this much more clearly to get context (not written when
 *     off, so gates written before it keep their bytes)
 */
public record FusionPolicy(
    double alpha,
    int rankCap,
    int topK,
    double tauCause,
    double tauApi,
    double tauCode,
    int examplesPerCwe,
    int maxExamples,
    Double neutralMargin,
    double prevalenceWeight,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double quietCodeMargin) {

  public FusionPolicy {
    if (alpha < 0) throw new IllegalArgumentException("alpha must be >= 0, was " + alpha);
    if (rankCap < 1) throw new IllegalArgumentException("rankCap must be >= 1, was " + rankCap);
    if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, was " + topK);
    if (examplesPerCwe < 0 || maxExamples < 0) {
      throw new IllegalArgumentException("example limits must be >= 0");
    }
    if (!(prevalenceWeight >= 0)) {
      throw new IllegalArgumentException("prevalenceWeight must be >= 0, was " + prevalenceWeight);
    }
    if (quietCodeMargin != null && !(quietCodeMargin >= 0)) {
      throw new IllegalArgumentException("quietCodeMargin must be >= 0 or off, was " + quietCodeMargin);
    }
  }

  /** Gates without the quiet-code margin (as written before it existed). */
  public FusionPolicy(double alpha, int rankCap, int topK, double tauCause, double tauApi, double tauCode,
      int examplesPerCwe, int maxExamples, Double neutralMargin, double prevalenceWeight) {
    this(alpha, rankCap, topK, tauCause, tauApi, tauCode, examplesPerCwe, maxExamples, neutralMargin, prevalenceWeight, null);
  }

  /** The values of the RESCUE paper (bge-base-en-v1.5 embedder). */
  public static FusionPolicy paperDefaults() {
    return new FusionPolicy(60, 10, 4, 0.75, 4.0, 0.65, 1, 3, null, 0);
  }

  public double tau(Facet facet) {
    return switch (facet) {
      case CAUSE -> tauCause;
      case API -> tauApi;
      case CODE -> tauCode;
    };
  }

  public FusionPolicy withTaus(double cause, double api, double code) {
    return new FusionPolicy(alpha, rankCap, topK, cause, api, code, examplesPerCwe, maxExamples, neutralMargin, prevalenceWeight, quietCodeMargin);
  }

  /**
   * The policy for one task whose similarity to the nearest neutral task is {@code neutralSimilarity}:
   * the cause gate becomes the higher of {@code tauCause} and that similarity plus the margin.
   * Unchanged when the margin is off or the similarity unknown (NaN).
   */
  public FusionPolicy forTask(double neutralSimilarity) {
    return forTask(neutralSimilarity, false);
  }

  /**
   * As {@link #forTask(double)}, and when {@code quietCode} (the task gave code with no security signal)
   * the cause gate rises by the quiet-code margin, when that is on.
   */
  public FusionPolicy forTask(double neutralSimilarity, boolean quietCode) {
    double gate = causeGate(neutralSimilarity, quietCode);
    return gate == tauCause ? this : withTaus(gate, tauApi, tauCode);
  }

  /** The cause gate of one task, the rule of {@link #forTask(double, boolean)} (calibration sweeps it). */
  public double causeGate(double neutralSimilarity, boolean quietCode) {
    double gate = neutralMargin == null || Double.isNaN(neutralSimilarity) ? tauCause
        : Math.max(tauCause, neutralSimilarity + neutralMargin);
    if (quietCode && quietCodeMargin != null) gate += quietCodeMargin;
    return gate;
  }

  public FusionPolicy withQuietCodeMargin(Double margin) {
    return new FusionPolicy(alpha, rankCap, topK, tauCause, tauApi, tauCode, examplesPerCwe, maxExamples, neutralMargin, prevalenceWeight, margin);
  }

  public FusionPolicy withNeutralMargin(Double margin) {
    return new FusionPolicy(alpha, rankCap, topK, tauCause, tauApi, tauCode, examplesPerCwe, maxExamples, margin, prevalenceWeight, quietCodeMargin);
  }

  public FusionPolicy withPrevalenceWeight(double weight) {
    return new FusionPolicy(alpha, rankCap, topK, tauCause, tauApi, tauCode, examplesPerCwe, maxExamples, neutralMargin, weight, quietCodeMargin);
  }

  public FusionPolicy withLimits(int topK, int examplesPerCwe, int maxExamples) {
    return new FusionPolicy(alpha, rankCap, topK, tauCause, tauApi, tauCode, examplesPerCwe, maxExamples, neutralMargin, prevalenceWeight, quietCodeMargin);
  }
}
