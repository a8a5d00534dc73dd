package dev.rescue.pipeline;

import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.model.Task;
import java.util.List;
import java.util.Objects;

/**
 * What flows through the pipeline. Immutable: every stage returns a {@code withX} copy.
 *
 * @param abstentionReasons why nothing passed the gates (empty when not abstained or not yet retrieved)
 * @param retrievalNanos time spent in retrieval stages only (no LLM calls)
 */
public record PipelineContext(
    Task task,
    PipelineOptions options,
    Analysis analysis,
    List<ScoredCwe> cwes,
    List<ScoredExample> examples,
    List<String> abstentionReasons,
    AssembledPrompt prompt,
    Generation generation,
    long retrievalNanos) {

  public PipelineContext {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(options, "options");
    cwes = List.copyOf(cwes);
    examples = List.copyOf(examples);
    abstentionReasons = List.copyOf(abstentionReasons);
  }

  public static PipelineContext start(Task task, PipelineOptions options) {
    return new PipelineContext(task, options, null, List.of(), List.of(), List.of(), null, null, 0);
  }

  /**
   * Whether there is no security context to give: no CWE was selected, or the assembled context is
   * blank (the budget or the switches left nothing to say), or none was assembled yet. The one
   * definition of abstention: results, the proxy and the generation's explanation all read it.
   */
  public boolean abstained() {
    return cwes.isEmpty() || prompt == null || prompt.context().isBlank();
  }

  public PipelineContext withAnalysis(Analysis a) {
    return new PipelineContext(task, options, a, cwes, examples, abstentionReasons, prompt, generation, retrievalNanos);
  }

  public PipelineContext withCwes(List<ScoredCwe> c, List<String> reasons) {
    return new PipelineContext(task, options, analysis, c, examples, reasons, prompt, generation, retrievalNanos);
  }

  public PipelineContext withExamples(List<ScoredExample> e) {
    return new PipelineContext(task, options, analysis, cwes, e, abstentionReasons, prompt, generation, retrievalNanos);
  }

  public PipelineContext withPrompt(AssembledPrompt p) {
    return new PipelineContext(task, options, analysis, cwes, examples, abstentionReasons, p, generation, retrievalNanos);
  }

  public PipelineContext withGeneration(Generation g) {
    return new PipelineContext(task, options, analysis, cwes, examples, abstentionReasons, prompt, g, retrievalNanos);
  }

  public PipelineContext plusRetrievalNanos(long nanos) {
    return new PipelineContext(task, options, analysis, cwes, examples, abstentionReasons, prompt, generation,
        retrievalNanos + nanos);
  }
}
