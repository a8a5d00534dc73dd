package dev.rescue.cli;

import dev.rescue.Rescue;
import dev.rescue.embed.Embedder;
import dev.rescue.kb.LoadedKb;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionMethod;
import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RetrieverKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Retrieval and prompt switches, for users and for ablations: all a command that only retrieves takes
 * (context, retrieve, bench, serve, mcp). {@link PipelineSwitches} adds the sampling of a final generation.
 */
class RetrievalSwitches {
  @Option(names = "--facets", split = ",", paramLabel = "FACET",
      description = "Facets to retrieve by: cause, api, code (default all).")
  List<String> facets;

  @Option(names = "--no-guideline", description = "Leave the CWE guidelines out of the context.")
  boolean noGuideline;

  @Option(names = "--no-examples", description = "Leave the secure code examples out of the context.")
  boolean noExamples;

  @Option(names = "--show-vulnerable", description = "Also show each example's vulnerable version, marked as what to avoid.")
  boolean showVulnerable;

  @Option(names = "--full-context",
      description = "Give every selected CWE its whole guideline and an example (default: only the first CWE and those"
          + " the code backs; the others get their core rule).")
  boolean fullContext;

  @Option(names = "--token-budget", paramLabel = "N", defaultValue = "" + PipelineOptions.DEFAULT_TOKEN_BUDGET,
      description = "Most o200k tokens of context; the lowest-ranked items go first. Default: ${DEFAULT-VALUE}.")
  int tokenBudget;

  @Option(names = "--retriever", paramLabel = "KIND", defaultValue = "rescue",
      description = "rescue (default) or baseline (text similarity over raw examples, no gates).")
  String retriever;

  @Option(names = "--fusion", paramLabel = "F",
      description = "How the CWE layer fuses its facets: rrf (the paper's gated RRF) or learned (the KB's trained"
          + " ranker; the gates still decide abstention). Default: the KB's choice.")
  String fusion;

  @Option(names = "--top-k", paramLabel = "K", description = "CWEs kept after fusion (default from the KB, 4).")
  Integer topK;

  @Option(names = "--max-examples", paramLabel = "N", description = "Code examples kept in all (default 3).")
  Integer maxExamples;

  @Option(names = "--tau-cause", paramLabel = "X", description = "Override the KB's cause gate (cosine).")
  Double tauCause;

  @Option(names = "--tau-api", paramLabel = "X", description = "Override the KB's API gate (BM25).")
  Double tauApi;

  @Option(names = "--tau-code", paramLabel = "X", description = "Override the KB's code gate (cosine).")
  Double tauCode;

  @Option(names = "--neutral-margin", paramLabel = "X",
      description = "Override the KB's neutral-task margin of the cause gate ('NaN' switches it off).")
  Double neutralMargin;

  @Option(names = "--prevalence-weight", paramLabel = "X",
      description = "Override the KB's prevalence prior of the cause ranking (0 switches it off).")
  Double prevalenceWeight;

  /** The sampling temperature of the final generation, where there is one. */
  double temperature() {
    return PipelineOptions.DEFAULT_TEMPERATURE;
  }

  /** Nucleus sampling of the final generation; null: the server's. */
  Double topP() {
    return null;
  }

  PipelineOptions options() {
    EnumSet<Facet> set = EnumSet.noneOf(Facet.class);
    if (facets == null || facets.isEmpty()) {
      set = EnumSet.allOf(Facet.class);
    } else {
      for (String f : facets) {
        try {
          set.add(Facet.valueOf(f.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--facets: unknown facet '" + f + "' (expected cause, api, code)");
        }
      }
    }
    FusionMethod method = null;
    if (fusion != null) {
      try {
        method = FusionMethod.parse(fusion);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--fusion: " + e.getMessage());
      }
    }
    return new PipelineOptions(set, !noGuideline, !noExamples, showVulnerable, fullContext, tokenBudget, temperature(), topP(),
        method);
  }

  RetrieverKind retrieverKind() {
    try {
      return RetrieverKind.valueOf(retriever.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--retriever: unknown retriever '" + retriever + "' (expected rescue or baseline)");
    }
  }

  /** The pipeline over {@code kb} with these switches: its gates with the overrides, the options, the retriever. */
  Rescue.Builder pipeline(LoadedKb kb, Embedder embedder) {
    return Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder)
        .policy(policy(kb.kb().gates())).options(options()).retriever(retrieverKind());
  }

  /** The KB's policy with any overrides from the command line. */
  FusionPolicy policy(FusionPolicy base) {
    FusionPolicy p = base.withTaus(tauCause != null ? tauCause : base.tauCause(),
        tauApi != null ? tauApi : base.tauApi(), tauCode != null ? tauCode : base.tauCode());
    if (neutralMargin != null) p = p.withNeutralMargin(Double.isNaN(neutralMargin) ? null : neutralMargin);
    if (prevalenceWeight != null) {
      if (!(prevalenceWeight >= 0)) throw new IllegalArgumentException("--prevalence-weight must be 0 or more, got " + prevalenceWeight);
      p = p.withPrevalenceWeight(prevalenceWeight);
    }
    return p.withLimits(topK != null ? topK : p.topK(), p.examplesPerCwe(),
        maxExamples != null ? maxExamples : p.maxExamples());
  }
}
