package dev.rescue.model;

import java.util.Map;

/** Something ranked by facets: a fused entry, a selected CWE or example. */
public interface FacetScored {
  /** Its score and rank in every facet list it appeared in, passed or not. */
  Map<Facet, FacetScore> facets();

  /** Whether it passed the gate of {@code facet}. */
  default boolean passed(Facet facet) {
    FacetScore s = facets().get(facet);
    return s != null && s.passed();
  }
}
