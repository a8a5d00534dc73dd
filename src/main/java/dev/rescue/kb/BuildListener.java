package dev.rescue.kb;

/**
 * What a {@link KbBuilder} reports while it works: the CLI draws a progress bar on stderr, tests
 * ignore it. Every method has a no-op default.
 */
public interface BuildListener {
  BuildListener SILENT = new BuildListener() {};

  /** A stage begins; {@code total} steps follow, or -1 when the stage has no steps. */
  default void stage(String name, long total) {}

  /** One step of the current stage is done. */
  default void step() {}

  /** The current stage is done. */
  default void stageDone() {}

  /** A line for the log. */
  default void info(String line) {}

  /** An input that failed (a bad line, a CWE that could not be distilled); the build goes on. */
  default void failure(String what, String why) {}
}
