package dev.rescue.llm;

import java.util.Objects;

/**
 * Base of the decorators of {@link LlmClient} (cache, concurrency limit, retries): each one wraps the
 * next client of the stack and overrides only {@link #chat}. The stack is composed in one place,
 * {@code dev.rescue.LlmClients#fromSettings}.
 */
public abstract class DelegatingLlmClient implements LlmClient {
  protected final LlmClient delegate;

  protected DelegatingLlmClient(LlmClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String model() {
    return delegate.model();
  }

  /** The request's own model, or the client's when it names none. */
  protected String effectiveModel(ChatRequest request) {
    return request.model() != null ? request.model() : model();
  }
}
