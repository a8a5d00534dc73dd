package dev.rescue.model;

/**
 * How one entry fared in one facet's ranking.
 *
 * @param score raw score (cosine or BM25)
 * @param rank 1-based rank in the facet's list
 * @param passed whether the gate let it through: score above the facet's tau and rank within the cap
 */
public record FacetScore(double score, int rank, boolean passed) {}
