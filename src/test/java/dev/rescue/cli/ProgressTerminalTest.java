package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar or plain lines is decided by stderr alone, in a real process: {@code script} gives the CLI a
 * pseudo-terminal for stdin and stdout, as an interactive shell does, and the test chooses where
 * stderr goes. A bar's {@code \r} frames in a log fold it into one line.
 */
class ProgressTerminalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void stderrRedirectedToAFileGetsPlainLinesThoughStdoutIsATerminal() throws Exception {
    Requires.tool("script");
    RescueProcess r = new RescueProcess(home);
    pairs(r.workDir().resolve("pairs.jsonl"));

    runOnTerminal(r, "slice --input pairs.jsonl --output s.jsonl 2>err.log");

    String log = Files.readString(r.workDir().resolve("err.log"), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("\r").contains("slice: 3/3 (100%)");
    assertThat(r.workDir().resolve("s.jsonl")).isNotEmptyFile();
  }

  @Test
  void stderrOnTheTerminalGetsTheBar() throws Exception {
    Requires.tool("script");
    RescueProcess r = new RescueProcess(home);
    pairs(r.workDir().resolve("pairs.jsonl"));

    String terminal = runOnTerminal(r, "slice --input pairs.jsonl --output s.jsonl");

    assertThat(terminal).contains("\r").doesNotContain("slice: 3/3 (100%)");
  }

  @Test
  void onlyTerminalDevicesCountAsTerminals() {
    assertThat(Progress.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Progress.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Progress.isTerminalDevice("/tmp/run/err.log")).isFalse();
    assertThat(Progress.isTerminalDevice("pipe:[123456]")).isFalse();
    assertThat(Progress.isTerminalDevice("/dev/null")).isFalse();
  }

  /** Runs {@code rescue <args>} (a shell fragment, so it may redirect) under {@code script}; what the terminal showed. */
  private static String runOnTerminal(RescueProcess r, String args) throws Exception {
    String rescue = r.command().stream().map(ProgressTerminalTest::quote).collect(Collectors.joining(" "));
    Path typescript = r.workDir().resolve("terminal.txt");
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", rescue + " " + args, typescript.toString())
        .directory(r.workDir().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("rescue " + args + " did not finish in 3 minutes");
    }
    assertThat(p.exitValue()).as(Files.readString(typescript)).isZero();
    return Files.readString(typescript, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void pairs(Path file) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      sb.append(JSON.writeValueAsString(JSON.createObjectNode().put("func_name", "f")
          .put("func_src_before", "def f(c):\n    x = " + i + "\n    os.system(c)")
          .put("func_src_after", "def f(c):\n    x = " + i + "\n    subprocess.run([c])")
          .put("file_name", "a" + i + ".py").put("vul_type", "cwe-078").put("commit_link", "https://example.org/c" + i)))
          .append('\n');
    }
    Files.writeString(file, sb.toString());
  }
}
