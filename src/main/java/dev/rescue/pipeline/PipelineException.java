package dev.rescue.pipeline;

/** A stage failed; the message names the stage and keeps the cause's message. */
public class PipelineException extends RuntimeException {
  private final String stage;

  public PipelineException(String stage, Throwable cause) {
    super(stage + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
