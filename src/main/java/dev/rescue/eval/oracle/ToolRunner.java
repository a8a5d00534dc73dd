package dev.rescue.eval.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an analyser on the harness's own side (analysers read code, they never execute it). */
final class ToolRunner {
  private ToolRunner() {}

  record Output(int exit, String stdout, String stderr) {}

  static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  static Output run(List<String> command, Path dir, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile(dir, "oracle", ".out");
      Path err = Files.createTempFile(dir, "oracle", ".err");
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SecurityOracle.OracleException(command.get(0) + " timed out after " + timeoutSeconds + " s");
      }
      String o = Files.readString(out, StandardCharsets.UTF_8);
      String e = Files.readString(err, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return new Output(p.exitValue(), o, e);
    } catch (IOException e) {
      throw new SecurityOracle.OracleException(command.get(0) + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecurityOracle.OracleException(command.get(0) + " interrupted");
    }
  }
}
