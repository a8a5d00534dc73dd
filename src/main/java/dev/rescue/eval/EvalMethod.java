package dev.rescue.eval;

import dev.rescue.model.Facet;
import dev.rescue.model.FusionMethod;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RetrieverKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A way of generating samples, as the rows of the paper's tables: {@code none} (the LLM alone),
 * {@code baseline} (the pipeline with the text-similarity retriever), {@code rescue}, and the RESCUE
 * ablations {@code rescue-no-guideline}, {@code rescue-no-examples}, {@code rescue-no-cause},
 * {@code rescue-no-api}, {@code rescue-no-code} (one facet left out) and
 * {@code rescue-whole-function}; {@code rescue-rrf} and {@code rescue-learned} are RESCUE with the
 * paper's gated RRF or the KB's learned fusion ({@code rescue} uses the KB's default fusion). Slices against whole functions is a property of the KB (slicing
 * happens when {@code kb build} distils the examples; {@code --no-slicing} keeps whole functions),
 * not a switch at retrieval time, so {@code rescue-whole-function} is RESCUE over a second KB built
 * with {@code --no-slicing}, given by its own option.
 *
 * @param retriever null for {@code none}
 * @param wholeFunctionKb runs over the whole-function KB instead of the main one
 * @param guidelines false to leave the guidelines out; {@code examples} likewise
 * @param dropFacet the facet left out, or null
 * @param fusion the CWE layer's fusion, or null for the KB's default (or the user's --fusion)
 */
public record EvalMethod(String name, RetrieverKind retriever, boolean wholeFunctionKb, boolean guidelines,
    boolean examples, Facet dropFacet, FusionMethod fusion) {
  EvalMethod(String name, RetrieverKind retriever, boolean wholeFunctionKb, boolean guidelines, boolean examples,
      Facet dropFacet) {
    this(name, retriever, wholeFunctionKb, guidelines, examples, dropFacet, null);
  }

  public static final List<String> NAMES = List.of("none", "baseline", "rescue", "rescue-no-guideline",
      "rescue-no-examples", "rescue-no-cause", "rescue-no-api", "rescue-no-code", "rescue-whole-function", "rescue-rrf",
      "rescue-learned");

  public static EvalMethod parse(String raw) {
    String n = raw.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none" -> new EvalMethod(n, null, false, true, true, null);
      case "baseline" -> new EvalMethod(n, RetrieverKind.BASELINE, false, true, true, null);
      case "rescue" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null);
      case "rescue-no-guideline" -> new EvalMethod(n, RetrieverKind.RESCUE, false, false, true, null);
      case "rescue-no-examples" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, false, null);
      case "rescue-no-cause" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.CAUSE);
      case "rescue-no-api" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.API);
      case "rescue-no-code" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.CODE);
      case "rescue-whole-function" -> new EvalMethod(n, RetrieverKind.RESCUE, true, true, true, null);
      case "rescue-rrf" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, FusionMethod.RRF);
      case "rescue-learned" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, FusionMethod.LEARNED);
      default -> throw new IllegalArgumentException("--method: unknown method '" + raw + "' (expected "
          + String.join(", ", NAMES) + ")");
    };
  }

  /** Parses a comma-separated list (or repeated values), keeping order and dropping repeats. */
  public static List<EvalMethod> parseAll(List<String> values) {
    Set<String> seen = new LinkedHashSet<>();
    List<EvalMethod> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (part.isBlank()) continue;
        EvalMethod m = parse(part);
        if (seen.add(m.name())) out.add(m);
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("--method: no method given");
    return out;
  }

  /** Asks the LLM directly, without the pipeline. */
  public boolean direct() {
    return retriever == null;
  }

  /** The pipeline options of this method: the user's switches with this method's ablation applied. */
  public PipelineOptions options(PipelineOptions base) {
    PipelineOptions o = base;
    if (!guidelines) o = o.withGuidelines(false);
    if (!examples) o = o.withExamples(false);
    if (fusion != null) o = o.withFusion(fusion);
    if (dropFacet != null) {
      Set<Facet> facets = EnumSet.noneOf(Facet.class);
      facets.addAll(base.facets());
      facets.remove(dropFacet);
      if (facets.isEmpty()) {
        throw new IllegalArgumentException("--method " + name + ": leaves no facet (--facets gave only "
            + dropFacet.key() + ")");
      }
      o = o.withFacets(facets);
    }
    return o;
  }
}
