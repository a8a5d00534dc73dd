package dev.rescue.pipeline;

/** Which retrieval the pipeline runs. */
public enum RetrieverKind {
  /** RESCUE: hierarchical CWE-then-code retrieval with gated RRF over three facets. */
  RESCUE,
  /** Plain text similarity over the raw examples, no gates (what SecCoder does); for comparisons. */
  BASELINE
}
