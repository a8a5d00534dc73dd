package dev.rescue.embed;

/**
 * An embedder could not produce vectors: a model that fails to load, a remote server that answers
 * with an error. Every adapter maps its provider's failures to this one exception.
 */
public class EmbeddingException extends RuntimeException {
  private final int status;

  public EmbeddingException(String message) {
    this(message, 0, null);
  }

  public EmbeddingException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  public EmbeddingException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of a remote failure; 0 when there was no HTTP answer. */
  public int status() {
    return status;
  }
}
