package dev.rescue.retrieve;

import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;

/** Selects secure code examples inside the CWEs the previous stage chose. */
public final class RetrieveExamplesStage implements Stage {
  private final ExampleRetriever retriever;
  private final FusionPolicy policy;

  public RetrieveExamplesStage(ExampleRetriever retriever, FusionPolicy policy) {
    this.retriever = retriever;
    this.policy = policy;
  }

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    if (!ctx.options().examples() || ctx.cwes().isEmpty()) return chain.proceed(ctx);
    var examples = retriever.retrieve(ctx.analysis(), ctx.cwes(), ctx.options().facets(), policy,
        ctx.options().fullContext());
    return chain.proceed(ctx.withExamples(examples));
  }

  @Override
  public boolean retrieval() {
    return true;
  }
}
