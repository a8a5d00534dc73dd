package dev.rescue.eval.setup;

/** A setup step that failed, with a message that says what to do. */
public final class SetupException extends RuntimeException {
  public SetupException(String message) {
    super(message);
  }
}
