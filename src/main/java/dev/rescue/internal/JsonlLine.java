package dev.rescue.internal;

/**
 * One physical line of a JSONL input.
 *
 * @param source the file it came from, as the user should see it
 * @param number 1-based, counting every line of the file, blank ones too
 * @param text the decoded line without its terminator; null when {@code error} is set
 * @param error why the line could not be read (invalid UTF-8); else null. It does not repeat the
 *     {@link #location()}, which readers put in the line's id or in front of the message
 */
public record JsonlLine(String source, int number, String text, String error) {
  /** {@code <source>:<number>}, the name of the line in ids and messages. */
  public String location() {
    return source + ":" + number;
  }

  public boolean failed() {
    return error != null;
  }

  /** A readable line with nothing but white space: skipped by every reader. */
  public boolean blank() {
    return text != null && text.isBlank();
  }
}
