package dev.rescue.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. On a developer machine a missing tool or data folder skips the
 * test with its reason; in CI ({@code CI=true}) it fails, since {@code .ci/run} installs every tool
 * and CI always has {@code ../shared}.
 */
public final class Requires {
  private Requires() {}

  /** A command on the PATH, e.g. {@code go} or {@code bandit}. */
  public static void tool(String command) {
    if (!onPath(command)) missing("'" + command + "' is not on the PATH (.ci/run installs it)");
  }

  /** A file or folder, e.g. a benchmark under {@code ../shared/data}. */
  public static Path data(Path path) {
    if (!Files.exists(path)) missing("data not found at " + path.toAbsolutePath());
    return path;
  }

  /** Anything else the test cannot run without, with the reason it is absent. */
  public static void that(boolean present, String whyAbsent) {
    if (!present) missing(whyAbsent);
  }

  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void missing(String message) {
    if (inCi()) fail(message);
    Assumptions.abort(message);
  }
}
