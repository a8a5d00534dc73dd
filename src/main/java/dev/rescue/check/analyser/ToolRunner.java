package dev.rescue.check.analyser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an analyser as a process with a deadline; what it wrote comes back whole. */
public final class ToolRunner {
  private ToolRunner() {}

  public record Output(int exit, String stdout, String stderr) {}

  public static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  /**
   * Runs {@code command} in {@code dir}, output to scratch files there (a pipe could fill and stall
   * the analyser). A process still running at the deadline, or when this thread is interrupted
   * (a check cancelled), is killed with its children.
   */
  public static Output run(List<String> command, Path dir, Duration timeout) {
    Path out = null;
    Path err = null;
    Process p = null;
    try {
      out = Files.createTempFile(dir, "analyser", ".out");
      err = Files.createTempFile(dir, "analyser", ".err");
      p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new AnalyserException(command.get(0) + " timed out after " + seconds(timeout));
      }
      return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AnalyserException(command.get(0) + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      if (p != null) kill(p);
      Thread.currentThread().interrupt();
      throw new AnalyserException(command.get(0) + " interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The last 300 characters of a tool's error output, for a failure message. */
  public static String tail(String s) {
    s = s.strip();
    return s.length() > 300 ? s.substring(s.length() - 300) : s;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void deleteQuietly(Path f) {
    if (f == null) return;
    try {
      Files.deleteIfExists(f);
    } catch (IOException ignored) {
      // a scratch file in a folder the caller removes anyway
    }
  }
}
