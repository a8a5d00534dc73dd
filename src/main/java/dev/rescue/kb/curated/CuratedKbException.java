package dev.rescue.kb.curated;

/** Bad content in a curated authoring file; the message names the file and the field. */
public class CuratedKbException extends RuntimeException {
  public CuratedKbException(String message) {
    super(message);
  }

  public CuratedKbException(String message, Throwable cause) {
    super(message, cause);
  }
}
