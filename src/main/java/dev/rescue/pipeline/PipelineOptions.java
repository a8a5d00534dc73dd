package dev.rescue.pipeline;

import dev.rescue.model.Facet;
import dev.rescue.model.FusionMethod;
import java.util.EnumSet;
import java.util.Set;

/**
 * Switches of the online pipeline, for users and for ablations.
 *
 * @param facets facets used in retrieval (default all three)
 * @param guidelines put the CWE guidelines in the context
 * @param examples put the secure examples in the context
 * @param showVulnerable also show each example's vulnerable counterpart, marked as what to avoid
 * @param fullContext give every selected CWE its whole guideline and its examples; by default only
 *     the first CWE and those the code backs get them, the others their core rule (first sentence)
 * @param tokenBudget most o200k tokens of context; the lowest-ranked items are dropped first
 * @param temperature sampling temperature of the final generation
 * @param topP nucleus sampling of the final generation, or null to leave it to the server
 * @param fusion how the CWE layer fuses its facets, or null for the KB's default
 */
public record PipelineOptions(
    Set<Facet> facets,
    boolean guidelines,
    boolean examples,
    boolean showVulnerable,
    boolean fullContext,
    int tokenBudget,
    double temperature,
    Double topP,
    FusionMethod fusion) {

  /** Context tokens by default: room for the first CWE's guideline and an example or two in the paper's setting. */
  public static final int DEFAULT_TOKEN_BUDGET = 800;
  /** Sampling temperature of the final generation by default: low, as code generation wants. */
  public static final double DEFAULT_TEMPERATURE = 0.2;

  public PipelineOptions {
    if (facets == null || facets.isEmpty()) throw new IllegalArgumentException("at least one facet is needed");
    facets = Set.copyOf(facets);
    if (tokenBudget < 0) throw new IllegalArgumentException("token budget must be >= 0, was " + tokenBudget);
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], was " + topP);
  }

  public static PipelineOptions defaults() {
    return new PipelineOptions(EnumSet.allOf(Facet.class), true, true, false, false, DEFAULT_TOKEN_BUDGET,
        DEFAULT_TEMPERATURE, null, null);
  }

  public PipelineOptions withFacets(Set<Facet> f) {
    return new PipelineOptions(f, guidelines, examples, showVulnerable, fullContext, tokenBudget, temperature, topP, fusion);
  }

  public PipelineOptions withGuidelines(boolean on) {
    return new PipelineOptions(facets, on, examples, showVulnerable, fullContext, tokenBudget, temperature, topP, fusion);
  }

  public PipelineOptions withExamples(boolean on) {
    return new PipelineOptions(facets, guidelines, on, showVulnerable, fullContext, tokenBudget, temperature, topP, fusion);
  }

  public PipelineOptions withShowVulnerable(boolean on) {
    return new PipelineOptions(facets, guidelines, examples, on, fullContext, tokenBudget, temperature, topP, fusion);
  }

  public PipelineOptions withFullContext(boolean on) {
    return new PipelineOptions(facets, guidelines, examples, showVulnerable, on, tokenBudget, temperature, topP, fusion);
  }

  public PipelineOptions withTokenBudget(int budget) {
    return new PipelineOptions(facets, guidelines, examples, showVulnerable, fullContext, budget, temperature, topP, fusion);
  }

  public PipelineOptions withTopP(Double p) {
    return new PipelineOptions(facets, guidelines, examples, showVulnerable, fullContext, tokenBudget, temperature, p, fusion);
  }

  public PipelineOptions withFusion(FusionMethod f) {
    return new PipelineOptions(facets, guidelines, examples, showVulnerable, fullContext, tokenBudget, temperature, topP, f);
  }
}
