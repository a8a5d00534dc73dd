package dev.rescue.pipeline;

/**
 * One step of the online pipeline. A stage reads the context, may call {@code chain.proceed} at most
 * once to run the rest of the pipeline, and returns a context (never null). A stage that does not
 * proceed short-circuits the rest (a cache hit, an abstention that needs no generation).
 */
public interface Stage {
  PipelineContext process(PipelineContext ctx, Chain chain);

  /** The rest of the pipeline after the current stage. */
  interface Chain {
    PipelineContext proceed(PipelineContext ctx);
  }

  /**
   * Whether the chain counts this stage's own time (the rest of the pipeline after it excluded) as
   * retrieval time, the latency a result reports. Stages do not time themselves.
   */
  default boolean retrieval() {
    return false;
  }

  /** Name used in errors and timings. */
  default String name() {
    return getClass().getSimpleName();
  }
}
