package dev.rescue.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

  /** Every command's help and usage errors are the same from the command line of that command alone. */
  @Test
  void theCommandLineOfOneCommandParsesAndHelpsAsTheWholeOne() {
    for (Class<?> c : RescueCommand.SUBCOMMANDS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      if (name.equals("help")) continue;
      for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"})) {
        assertThat(runWith(RescueCommand.commandLine(args), args)).as(String.join(" ", args))
            .isEqualTo(runWith(RescueCommand.commandLine(), args));
      }
    }
  }

  @Test
  void theCommandLineOfOneCommandHasOnlyThatCommand() {
    assertThat(RescueCommand.commandLine(new String[] {"check", "app.py"}).getSubcommands()).containsOnlyKeys("check");
    assertThat(RescueCommand.commandLine(new String[] {"help", "check"}).getSubcommands()).hasSize(RescueCommand.SUBCOMMANDS.size());
    assertThat(RescueCommand.commandLine(new String[] {"--help"}).getSubcommands()).hasSize(RescueCommand.SUBCOMMANDS.size());
    assertThat(RescueCommand.commandLine(new String[] {"nosuchcommand"}).getSubcommands()).hasSize(RescueCommand.SUBCOMMANDS.size());
  }

  /** Exit code, stdout and stderr of one run. */
  private static List<String> runWith(CommandLine cl, String[] args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int exit = cl.execute(args);
    return List.of(Integer.toString(exit), o.toString(), e.toString());
  }

  @Test
  void missingCommandIsAUsageError() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("a command is required");
  }
}
