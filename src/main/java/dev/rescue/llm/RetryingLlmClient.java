package dev.rescue.llm;

import java.util.Objects;

/** Retries the wrapped client's retryable failures according to a {@link RetryPolicy}. */
public final class RetryingLlmClient extends DelegatingLlmClient {
  private final RetryPolicy policy;

  public RetryingLlmClient(LlmClient delegate, RetryPolicy policy) {
    super(delegate);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public ChatResult chat(ChatRequest request) {
    return policy.execute(() -> delegate.chat(request));
  }
}
