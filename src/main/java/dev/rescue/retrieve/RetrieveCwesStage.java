package dev.rescue.retrieve;

import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;

/** Selects the task's CWEs (or abstains, recording why). */
public final class RetrieveCwesStage implements Stage {
  private final CweRetriever retriever;
  private final FusionPolicy policy;

  public RetrieveCwesStage(CweRetriever retriever, FusionPolicy policy) {
    this.retriever = retriever;
    this.policy = policy;
  }

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    if (ctx.analysis() == null) throw new IllegalStateException("no analysis: AnalyzeStage must run first");
    CweRetrieval r = retriever.retrieve(ctx.analysis(), ctx.options().facets(), policy, ctx.options().fusion());
    return chain.proceed(ctx.withCwes(r.cwes(), r.abstentionReasons()));
  }

  @Override
  public boolean retrieval() {
    return true;
  }
}
