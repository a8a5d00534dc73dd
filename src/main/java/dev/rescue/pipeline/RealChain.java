package dev.rescue.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * The immutable chain that runs a list of stages, checking their contract: each stage calls
 * {@code proceed} at most once and never returns null. A broken contract names the stage. The chain
 * also times the stages: a retrieval stage's own time, without the stages after it, is added to the
 * context's retrieval time.
 */
public final class RealChain implements Stage.Chain {
  private final List<Stage> stages;
  private final int index;
  private boolean called;
  /** Time spent in this link's {@code proceed}: the stages from {@code index} on. */
  private long elapsedNanos;

  private RealChain(List<Stage> stages, int index) {
    this.stages = stages;
    this.index = index;
  }

  public static PipelineContext run(List<Stage> stages, PipelineContext ctx) {
    return new RealChain(List.copyOf(stages), 0).proceed(ctx);
  }

  @Override
  public PipelineContext proceed(PipelineContext ctx) {
    Objects.requireNonNull(ctx, "context");
    if (called) {
      throw new IllegalStateException("stage " + stages.get(index - 1).name() + " called proceed more than once");
    }
    called = true;
    if (index >= stages.size()) return ctx;
    Stage stage = stages.get(index);
    RealChain rest = new RealChain(stages, index + 1);
    PipelineContext out;
    long start = System.nanoTime();
    try {
      out = stage.process(ctx, rest);
    } catch (PipelineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PipelineException(stage.name(), e);
    } finally {
      elapsedNanos = System.nanoTime() - start;
    }
    if (out == null) throw new IllegalStateException("stage " + stage.name() + " returned null");
    return stage.retrieval() ? out.plusRetrievalNanos(elapsedNanos - rest.elapsedNanos) : out;
  }
}
