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
 * <p>{@code repair} and {@code rescue+repair} check each generated sample and let the LLM fix what
 * the check finds ({@link dev.rescue.repair.RepairLoop}): {@code repair} is the Codexity/INDICT-style
 * baseline (the LLM alone, then findings only), {@code rescue+repair} is RESCUE, then findings with
 * the KB's guideline and secure example for each.
 *
 * @param retriever null for {@code none}
 * @param wholeFunctionKb runs over the whole-function KB instead of the main one
 * @param guidelines false to leave the guidelines out; {@code examples} likewise
 * @param dropFacet the facet left out, or null
 * @param fusion the CWE layer's fusion, or null for the KB's default (or the user's --fusion)
 * @param repair each sample goes through the repair loop after generation
 */
public record EvalMethod(String name, RetrieverKind retriever, boolean wholeFunctionKb, boolean guidelines,
    boolean examples, Facet dropFacet, FusionMethod fusion, boolean repair) {
  public static final List<String> NAMES = List.of("none", "baseline", "rescue", "rescue-no-guideline",
      "rescue-no-examples", "rescue-no-cause", "rescue-no-api", "rescue-no-code", "rescue-whole-function", "rescue-rrf",
      "rescue-learned", "repair", "rescue+repair");

  public static EvalMethod parse(String raw) {
    String n = raw.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none" -> new EvalMethod(n, null, false, true, true, null, null, false);
      case "baseline" -> new EvalMethod(n, RetrieverKind.BASELINE, false, true, true, null, null, false);
      case "rescue" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, null, false);
      case "rescue-no-guideline" -> new EvalMethod(n, RetrieverKind.RESCUE, false, false, true, null, null, false);
      case "rescue-no-examples" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, false, null, null, false);
      case "rescue-no-cause" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.CAUSE, null, false);
      case "rescue-no-api" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.API, null, false);
      case "rescue-no-code" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, Facet.CODE, null, false);
      case "rescue-whole-function" -> new EvalMethod(n, RetrieverKind.RESCUE, true, true, true, null, null, false);
      case "rescue-rrf" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, FusionMethod.RRF, false);
      case "rescue-learned" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, FusionMethod.LEARNED, false);
      case "repair" -> new EvalMethod(n, null, false, true, true, null, null, true);
      case "rescue+repair" -> new EvalMethod(n, RetrieverKind.RESCUE, false, true, true, null, null, true);
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

  /**
   * Whether the repair requests carry the KB's guidance: for RESCUE with repair, not for the repair
   * baseline, which has no retrieval at all.
   */
  public boolean repairGuidance() {
    return repair && !direct();
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
