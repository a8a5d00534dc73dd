package dev.rescue.pipeline;

import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import java.util.List;

/**
 * The security context for one task: the selected CWEs and examples with their scores, the exact
 * text to prepend to the prompt, and, on abstention, why.
 *
 * @param latencyMs retrieval time only, LLM calls excluded
 */
public record RetrievalResult(
    String id,
    boolean abstained,
    List<ScoredCwe> cwes,
    List<ScoredExample> examples,
    String context,
    int contextTokens,
    double latencyMs,
    List<String> abstentionReasons,
    Analysis analysis) {

  public RetrievalResult {
    cwes = List.copyOf(cwes);
    examples = List.copyOf(examples);
    abstentionReasons = List.copyOf(abstentionReasons);
  }

  public static RetrievalResult of(PipelineContext ctx) {
    AssembledPrompt p = ctx.prompt();
    String context = p == null ? "" : p.context();
    // the budget or the switches may leave nothing to say even though CWEs were selected
    boolean abstained = ctx.abstained() || context.isEmpty();
    return new RetrievalResult(ctx.task().id(), abstained, ctx.cwes(), ctx.examples(), context,
        p == null ? 0 : p.contextTokens(), ctx.retrievalNanos() / 1e6, ctx.abstentionReasons(), ctx.analysis());
  }
}
