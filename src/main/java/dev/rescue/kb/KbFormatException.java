package dev.rescue.kb;

/** A KB folder that cannot be used: missing, tampered with or malformed. The message names the file. */
public class KbFormatException extends RuntimeException {
  public KbFormatException(String message) {
    super(message);
  }

  public KbFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
