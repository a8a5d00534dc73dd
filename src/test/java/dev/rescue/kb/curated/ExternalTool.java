package dev.rescue.kb.curated;

import dev.rescue.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line analyser or compiler run by the gates. On a developer machine a missing tool skips
 * its gate; in CI ({@code CI=true}) it fails, since {@code .ci/run} installs every one of them.
 */
record ExternalTool(String command, String versionFlag) {
  static final ExternalTool BANDIT = new ExternalTool("bandit", "--version");
  static final ExternalTool CPPCHECK = new ExternalTool("cppcheck", "--version");
  static final ExternalTool FLAWFINDER = new ExternalTool("flawfinder", "--version");
  static final ExternalTool GCC = new ExternalTool("gcc", "--version");
  static final ExternalTool GXX = new ExternalTool("g++", "--version");
  static final ExternalTool PYTHON = new ExternalTool("python3", "--version");

  private static final long TIMEOUT_SECONDS = 300;

  /** The output of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  boolean available() {
    try {
      return run(List.of(versionFlag), null).exitCode() == 0;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Skips the calling gate (fails it in CI) when this tool is not installed. */
  void require() {
    if (available()) return;
    String message = "'" + command + "' is not installed: the gate that needs it cannot run"
        + " (.ci/run installs it with apt-get)";
    Requires.that(false, message);
  }

  Result run(List<String> args, Path workDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(command);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (workDir != null) pb.directory(workDir.toFile());
    try {
      Path out = java.nio.file.Files.createTempFile("tool-out", ".txt");
      Path err = java.nio.file.Files.createTempFile("tool-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      Result r = new Result(p.exitValue(),
          java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
          java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
      java.nio.file.Files.deleteIfExists(out);
      java.nio.file.Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
