package dev.rescue.kb.distill;

/** A CWE that could not be distilled, with the reason; the build goes on with the other CWEs. */
public class DistillationException extends RuntimeException {
  public DistillationException(String message, Throwable cause) {
    super(message, cause);
  }

  public DistillationException(String message) {
    super(message);
  }
}
