package dev.rescue.cli;

import dev.rescue.embed.onnx.NativeModelLoads;
import dev.rescue.internal.CacheDirs;
import dev.rescue.internal.NativeLibraries;
import dev.rescue.internal.StartupTrace;
import dev.rescue.llm.LlmNotConfiguredException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rescue} command line: only commands live in this package, the work elsewhere. */
@Command(
    name = "rescue",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Retrieval-augmented secure code generation (RESCUE).",
    description = {
      "Retrieves task-specific security guidelines and secure code examples from a hierarchical",
      "knowledge base and puts them in front of an LLM's coding prompt."
    },
    footer = {
      "",
      "Examples:",
      "  rescue context \"Write a Flask endpoint that loads a YAML config uploaded by the user\"",
      "  rescue slice --input pairs.jsonl --output slices.jsonl",
      "",
      "Exit codes: 0 success, 1 some inputs failed, 2 usage error."
    })
public final class RescueCommand implements Runnable {
  /**
   * The commands, in the order {@code --help} lists them. Not in the annotation: picocli builds the
   * model of every annotated subcommand by reflection up front (0.3 s of CPU for all, 0.1 s for one;
   * picocli's classes are too old for class-data sharing), so {@link #commandLine(String[])} adds
   * only the one a command line names.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ContextCommand.class,
      RetrieveCommand.class,
      GenerateCommand.class,
      SliceCommand.class,
      KbCommand.class,
      CalibrateCommand.class,
      EvalCommand.class,
      ServeCommand.class,
      McpCommand.class,
      BenchCommand.class,
      FusionCommand.class,
      CheckCommand.class,
      CommandLine.HelpCommand.class);

  /** Columns of --help: room for the widest hand-wrapped description line and example. */
  static final int HELP_WIDTH = 120;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The command line with every command and the project's exit-code and error conventions, for main and for tests. */
  public static CommandLine commandLine() {
    return withConventions(SUBCOMMANDS);
  }

  /**
   * Like {@link #commandLine()}, with only the command {@code args} start with when they name one
   * ({@code rescue context ...}): the same parse, help and errors for it, without the model of the
   * others. Anything else ({@code --help}, {@code help}, no or an unknown command) gets them all.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0 && !args[0].equals("help")) {
      for (Class<?> c : SUBCOMMANDS) {
        if (Arrays.asList(c.getAnnotation(Command.class).name()).contains(args[0])) return withConventions(List.of(c));
      }
    }
    return commandLine();
  }

  private static CommandLine withConventions(List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new RescueCommand());
    // before the settings below: picocli hands a setting only to the subcommands added by then
    for (Class<?> c : subcommands) cl.addSubcommand(c);
    // the descriptions are wrapped by hand at about 100 columns; picocli's 80 re-wrapped them into ragged
    // lines and broke URLs and paths in the examples, so that a copied example failed
    cl.setUsageHelpWidth(HELP_WIDTH);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      err.println(path(cmd) + ": " + describe(ex));
      err.flush();
      // a bad argument, or a command that needs an LLM run without one, is the caller's to fix
      return ex instanceof IllegalArgumentException || ex instanceof LlmNotConfiguredException
          ? ExitCodes.USAGE : ExitCodes.INPUT_FAILED;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(path(ex.getCommandLine()) + ": " + ex.getMessage());
      err.println("Try '" + path(ex.getCommandLine()) + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    });
    return cl;
  }

  /** The command as typed, "rescue kb build": the one prefix of its errors, so that a log names the subcommand that failed. */
  static String path(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName(" ");
  }

  private static String describe(Throwable ex) {
    String msg = ex.getMessage();
    return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
  }

  /** Longest wait for a model load under way when the user interrupts: a load takes one to two seconds. */
  static final Duration SIGNAL_LOAD_WAIT = Duration.ofSeconds(30);

  public static void main(String[] args) {
    StartupTrace.mark("main");
    // load ONNX Runtime and tree-sitter from copies extracted once, not from fresh copies in tmp every run
    try (var s = StartupTrace.span("native libraries")) {
      NativeLibraries.useExtractedCopies(CacheDirs.of("native"));
    }
    exitCleanlyOnSignals();
    CommandLine cl;
    try (var s = StartupTrace.span("command line model")) {
      cl = commandLine(args);
    }
    int exit;
    try (var s = StartupTrace.span("execute")) {
      exit = cl.execute(args);
    }
    // a command that fails fast may leave the embedding model loading on its background thread:
    // exiting under that load crashes the JVM in ONNX Runtime (see NativeModelLoads)
    try (var s = StartupTrace.span("wait for model loads")) {
      NativeModelLoads.beforeExit(Duration.ofMinutes(2));
    }
    StartupTrace.mark("exit");
    StartupTrace.threads();
    System.exit(exit);
  }

  /**
   * Ctrl-C and SIGTERM wait for a model load under way before the JVM exits, as a normal exit does.
   * A shutdown hook cannot do it: ONNX Runtime's own hook frees its native environment, hooks run in
   * no set order, and a hook that waits would wait beside the one that frees the environment under
   * the load (SIGSEGV). So the signal is taken before the exit starts, the loads are waited for, and
   * the exit code is the shell's for a signal (128 + its number: 130 for INT, 143 for TERM).
   */
  private static void exitCleanlyOnSignals() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          NativeModelLoads.beforeExit(SIGNAL_LOAD_WAIT);
          System.exit(128 + signal.getNumber());
        });
      } catch (IllegalArgumentException e) {
        // no such signal here, or the JVM was started with -Xrs: its default handling stays
      }
    }
  }
}
