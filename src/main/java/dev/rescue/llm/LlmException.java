package dev.rescue.llm;

/**
 * The one failure type of every {@link LlmClient}. {@code status} is the HTTP status, or 0 when no
 * answer came (time-out, connection refused).
 */
public class LlmException extends RuntimeException {
  private final boolean retryable;
  private final int status;

  public LlmException(String message, boolean retryable, int status, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  public LlmException(String message, boolean retryable, int status) {
    this(message, retryable, status, null);
  }

  public boolean retryable() {
    return retryable;
  }

  public int status() {
    return status;
  }
}
