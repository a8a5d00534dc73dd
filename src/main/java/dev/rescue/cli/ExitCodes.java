package dev.rescue.cli;

/** The exit codes of every command, in one place (README, Commands). */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;
  /** Some inputs failed; each failure was reported and the rest processed. */
  public static final int INPUT_FAILED = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
