package dev.rescue.eval;

import dev.rescue.internal.Tokens;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.ChatResult;
import dev.rescue.llm.LlmClient;

/**
 * An LLM that notes the prompt size of the last request made on the calling thread: the pipeline
 * asks the LLM for its analysis first and the final code last, on the thread that generates the
 * sample, so after {@code generate} the last request is the final generation. Its size is the o200k
 * tokens of every message's content (chat-template overhead is not counted).
 */
public final class PromptMeter implements LlmClient {
  private final LlmClient llm;
  private final ThreadLocal<Integer> last = new ThreadLocal<>();

  public PromptMeter(LlmClient llm) {
    this.llm = llm;
  }

  public static int tokens(ChatRequest request) {
    int n = 0;
    for (ChatMessage m : request.messages()) n += Tokens.count(m.content());
    return n;
  }

  @Override
  public ChatResult chat(ChatRequest request) {
    last.set(tokens(request));
    return llm.chat(request);
  }

  @Override
  public String model() {
    return llm.model();
  }

  /** Forgets the last request of this thread, before a new sample. */
  public void reset() {
    last.remove();
  }

  /** Prompt tokens of this thread's last request, or null when it made none. */
  public Integer lastPromptTokens() {
    return last.get();
  }
}
