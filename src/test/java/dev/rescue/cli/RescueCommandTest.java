package dev.rescue.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RescueCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("context", "retrieve", "slice", "kb");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-option")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--no-such-option");
  }

  @Test
  void generateWithoutAnLlmSaysHowToConfigureOne(@TempDir Path home) throws Exception {
    // in a process of its own, without the developer's RESCUE_*/OPENAI_* variables
    RescueProcess.Run r = new RescueProcess(home).run("generate", "Write a Flask endpoint");
    assertThat(r.exit()).as(r.stderr()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.stderr()).contains("RESCUE_LLM_BASE_URL");
  }

  @Test
  void errorsNameTheWholeCommandPath() {
    assertThat(run("kb", "build", "--no-llm", "--source", "nosuchkind:x", "--out", "/tmp/x")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("rescue kb build: ");
    err.getBuffer().setLength(0);
    assertThat(run("kb", "build", "--no-such-option")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("rescue kb build: ").contains("Try 'rescue kb build --help'");
  }

  @Test
  void theTopLevelHintHasOneSpace() {
    assertThat(run("--no-such-option")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Try 'rescue --help' for more information.").doesNotContain("rescue  ");
  }

  @Test
  void helpKeepsTheHandWrappedLinesAndExamplesWhole() {
    assertThat(run("serve", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("rescue serve --upstream https://api.openai.com/v1" + System.lineSeparator());
    out.getBuffer().setLength(0);
    assertThat(run("eval", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("task_id and either completion").doesNotContain("DESIGN");
  }

  @Test
  void missingCommandIsAUsageError() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("a command is required");
  }
}
