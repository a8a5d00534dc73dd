package dev.rescue.check.analyser;

/** An analyser that was to run on a file and could not: missing, crashed, hung or unreadable. */
public final class AnalyserException extends RuntimeException {
  public AnalyserException(String message) {
    super(message);
  }
}
