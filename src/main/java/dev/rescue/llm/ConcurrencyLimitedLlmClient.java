package dev.rescue.llm;

import java.util.concurrent.Semaphore;

/**
 * Lets at most {@code permits} calls reach the wrapped client at once; further callers wait (fairly,
 * in arrival order). Local servers (Ollama, llama.cpp) serve few requests in parallel and hosted ones
 * rate-limit, so unbounded fan-out only produces 429s and time-outs.
 */
public final class ConcurrencyLimitedLlmClient extends DelegatingLlmClient {
  private final Semaphore permits;
  private final int limit;

  public ConcurrencyLimitedLlmClient(LlmClient delegate, int permits) {
    super(delegate);
    if (permits < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + permits);
    this.permits = new Semaphore(permits, true);
    this.limit = permits;
  }

  /** The most calls that run at once. */
  public int limit() {
    return limit;
  }

  @Override
  public ChatResult chat(ChatRequest request) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted while waiting for an LLM call slot", false, 0, e);
    }
    try {
      return delegate.chat(request);
    } finally {
      permits.release();
    }
  }
}
