package dev.rescue.kb;

/**
 * A KB folder that cannot be used: missing, tampered with or malformed. The message names the file.
 * An {@link IllegalArgumentException}: the KB is an input the user gave ({@code --kb}), so the CLI
 * reports it as a usage error (exit 2), like any other bad argument.
 */
public class KbFormatException extends IllegalArgumentException {
  public KbFormatException(String message) {
    super(message);
  }

  public KbFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
