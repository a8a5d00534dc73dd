package dev.rescue.index;

/**
 * One search result: a CWE id or an example id, its raw score (cosine or BM25) and the score it is
 * ranked by. The two differ only where a facet adds priors to its ranking (see the cause facet): a
 * gate keeps reading the raw score, so priors reorder candidates but never let a task pass a gate.
 */
public record Hit(String id, double score, double rankScore) {
  /** A hit ranked by its raw score. */
  public Hit(String id, double score) {
    this(id, score, score);
  }
}
