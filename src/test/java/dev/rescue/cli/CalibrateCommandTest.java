package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code calibrate} in-process on the bundled KB: its progress while the tasks are embedded. */
class CalibrateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private String[] args(String... more) throws Exception {
    Path labelled = dir.resolve("labelled.jsonl");
    Files.writeString(labelled, """
        {"task": "Render the user's comment into the HTML page", "cwe": "CWE-79"}
        {"task": "Look up the user by the name given in the request with an SQL query", "cwe": "CWE-89"}
        {"task": "Load the YAML config the user uploaded", "cwe": "CWE-502"}
        """);
    Path benign = dir.resolve("benign.jsonl");
    Files.writeString(benign, """
        {"task": "Return the n-th Fibonacci number"}
        {"task": "Sort a list of integers in place"}
        """);
    String[] base = {"calibrate", "--labeled", labelled.toString(), "--benign", benign.toString(), "--dry-run", "--rows", "1"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void showsHowManyTasksAreEmbeddedAsPlainLinesOffATerminal() throws Exception {
    assertThat(run(args())).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("calibrate: 5/5 (100%)").doesNotContain("\r");
    assertThat(out.toString()).contains("3 labelled tasks (CWE in the KB), 2 neutral tasks");
  }

  @Test
  void noProgressShowsNone() throws Exception {
    assertThat(run(args("--no-progress"))).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).doesNotContain("calibrate: 5/5");
    assertThat(out.toString()).contains("chosen: ");
  }
}
