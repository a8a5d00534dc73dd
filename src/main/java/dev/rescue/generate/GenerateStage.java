package dev.rescue.generate;

import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.LlmClient;
import dev.rescue.pipeline.Generation;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;
import java.util.stream.Collectors;

/** Asks the LLM for the final code with the assembled prompt. The last stage. */
public final class GenerateStage implements Stage {
  private final LlmClient llm;

  public GenerateStage(LlmClient llm) {
    this.llm = java.util.Objects.requireNonNull(llm, "an LLM is needed to generate code");
  }

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    if (ctx.prompt() == null) throw new IllegalStateException("no prompt: AssembleStage must run first");
    var result = llm.chat(new ChatRequest(null, ctx.prompt().messages(), ctx.options().temperature(), ctx.options().topP(), null, false));
    String explanation = ctx.abstained()
        ? "No security context was added: " + (ctx.abstentionReasons().isEmpty()
            ? "the token budget or the switches left nothing to add" : String.join("; ", ctx.abstentionReasons()))
        : "Security context used: " + ctx.cwes().stream().map(c -> c.cwe()).collect(Collectors.joining(", "))
            + (ctx.examples().isEmpty() ? "" : " with " + ctx.examples().size() + " secure example(s)");
    return chain.proceed(ctx.withGeneration(new Generation(CodeBlocks.first(result.content()), result.content(), explanation)));
  }
}
