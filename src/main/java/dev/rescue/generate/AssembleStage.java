package dev.rescue.generate;

import dev.rescue.generate.prompt.PromptAssembler;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;

/** Puts the retrieved guidelines and examples in front of the task, within the token budget. */
public final class AssembleStage implements Stage {
  private final PromptAssembler assembler = new PromptAssembler();

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    var language = ctx.analysis() == null ? ctx.task().language() : ctx.analysis().language();
    return chain.proceed(ctx.withPrompt(
        assembler.assemble(ctx.task(), language, ctx.cwes(), ctx.examples(), ctx.options())));
  }
}
