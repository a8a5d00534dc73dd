package dev.rescue.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code rescue} as {@code bin/rescue} runs it, in a JVM of its own: the same JIT and GC flags, its
 * own temp and cache folders, a working folder of its own. Only a real process shows how the JVM
 * exits (a crash in native code is exit 134 and an hs_err file, never an exception in a test).
 */
final class RescueProcess {
  /** What one run did. */
  record Run(int exit, String stdout, String stderr, Path workDir) {
    /** The last line on stderr: where the real error message must be. */
    String lastErrLine() {
      // a progress bar redraws its line after \r: what a terminal shows last is after the last \r or \n
      List<String> lines = Arrays.stream(stderr.split("[\r\n]")).filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** JVM crash reports left in the working folder. */
    List<Path> crashFiles() throws IOException {
      try (Stream<Path> s = Files.list(workDir)) {
        return s.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
      }
    }
  }

  private final Path home;
  private Map<String, String> env = Map.of();

  /** @param home a folder for the process's working folder, temp folder and cache */
  RescueProcess(Path home) {
    this.home = home;
  }

  RescueProcess env(Map<String, String> variables) {
    this.env = variables;
    return this;
  }

  Path workDir() throws IOException {
    return Files.createDirectories(home.resolve("work"));
  }

  Path tmpDir() {
    return home.resolve("cache").resolve("tmp");
  }

  /** The command line of {@code rescue args...}. */
  List<String> command(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Files.createDirectories(tmpDir());
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx1g",
        "-cp", cp, "-Djava.io.tmpdir=" + tmpDir(), "-Drescue.cache=" + home.resolve("cache")));
    for (String p : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
      if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
    }
    cmd.add("dev.rescue.cli.RescueCommand");
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  ProcessBuilder builder(String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(workDir().toFile());
    // no LLM from the developer's environment unless the test gives one
    pb.environment().keySet().removeIf(k -> k.startsWith("RESCUE_") || k.startsWith("OPENAI_"));
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs {@code rescue args...} with empty stdin to its end (at most three minutes). */
  Run run(String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = builder(args);
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(emptyFile().toFile()));
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("rescue " + String.join(" ", args) + " did not finish in 3 minutes");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        workDir());
  }

  private Path emptyFile() throws IOException {
    Path empty = home.resolve("empty-stdin");
    if (!Files.exists(empty)) Files.createFile(empty);
    return empty;
  }
}
