package dev.rescue.llm;

/**
 * Thrown by {@link LlmSettings#require()} when a command needs an LLM and none is configured. The
 * message tells the user exactly which variables or flags to set; the CLI prints it as is.
 */
public class LlmNotConfiguredException extends RuntimeException {
  public LlmNotConfiguredException(String message) {
    super(message);
  }
}
