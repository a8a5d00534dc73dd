package dev.rescue.llm;

import java.time.Duration;

/**
 * A retryable {@link LlmException} whose server said how long to wait ({@code Retry-After}), e.g. a
 * 429 or 503. {@link RetryPolicy} waits at least that long before the next attempt.
 */
public class RetryAfterException extends LlmException {
  private final Duration retryAfter;

  public RetryAfterException(String message, int status, Duration retryAfter) {
    super(message, true, status);
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be zero or positive, was " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
