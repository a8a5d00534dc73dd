package dev.rescue.model;

import java.util.Map;

/** A code example selected for a task, with its fused score and facet scores. */
public record ScoredExample(CodeExample example, double score, Map<Facet, FacetScore> facets) implements FacetScored {
  public ScoredExample {
    facets = Map.copyOf(facets);
  }
}
