package dev.rescue.model;

import java.util.Map;

/** A CWE selected for a task, with its fused score and how it fared in each facet. */
public record ScoredCwe(CweEntry entry, double score, Map<Facet, FacetScore> facets) implements FacetScored {
  public ScoredCwe {
    facets = Map.copyOf(facets);
  }

  public String cwe() {
    return entry.cwe();
  }
}
