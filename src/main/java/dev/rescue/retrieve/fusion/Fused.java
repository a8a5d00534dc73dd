package dev.rescue.retrieve.fusion;

import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.FacetScored;
import java.util.Map;

/**
 * One entry after gated reciprocal-rank fusion.
 *
 * @param score the fused RRF score, always above 0 (entries with 0 are dropped)
 * @param facets the entry's score and rank in every facet list it appeared in, passed or not
 */
public record Fused(String id, double score, Map<Facet, FacetScore> facets) implements FacetScored {
  public Fused {
    facets = Map.copyOf(facets);
  }
}
