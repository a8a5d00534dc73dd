package dev.rescue.pipeline;

import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import java.util.List;

/**
 * The security context for one task: the selected CWEs and examples with their scores, the exact
 * text to prepend to the prompt, and, on abstention, why.
 *
 * @param abstained no context to give ({@link PipelineContext#abstained})
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
    return new RetrievalResult(ctx.task().id(), ctx.abstained(), ctx.cwes(), ctx.examples(), context,
        p == null ? 0 : p.contextTokens(), ctx.retrievalNanos() / 1e6, ctx.abstentionReasons(), ctx.analysis());
  }
}
