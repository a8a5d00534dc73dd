package dev.rescue.cli;

import dev.rescue.eval.Benchmark;
import dev.rescue.eval.Benchmarks;
import dev.rescue.eval.CompletionsFile;
import dev.rescue.eval.EvalReport;
import dev.rescue.eval.EvalRun;
import dev.rescue.eval.EvalTask;
import dev.rescue.eval.EvalHarness;
import dev.rescue.eval.ResultsLog;
import dev.rescue.eval.SampleGenerator;
import dev.rescue.eval.Sandbox;
import dev.rescue.eval.SandboxLimits;
import dev.rescue.eval.Toolchain;
import dev.rescue.eval.oracle.SecurityOracles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = {EvalSetupCommand.class, EvalDoctorCommand.class},
    header = "Score a benchmark: pass@k, secure-pass@k and secure rate, with samples run in a sandbox.",
    description = {
      "KIND is cweval, codeguardplus or humaneval. With --completions FILE (JSONL: task_id and either",
      "completion, appended to the prompt, or program, the whole file) the given samples are scored and no",
      "LLM is called; otherwise --samples samples per task are generated with --method none (the LLM alone),",
      "rescue or baseline (the RESCUE pipeline with its own or the text-similarity retriever).",
      "Results go to OUT/results.jsonl as they come (a rerun skips finished samples), then OUT/summary.json,",
      "OUT/report.md and OUT/report.html. Tasks this machine cannot run are skipped with their reason."},
    footer = {"", "Examples:",
      "  rescue eval --benchmark cweval:../shared/data/cweval/benchmark --completions refs.jsonl --out runs/refs",
      "  rescue eval --benchmark humaneval:../shared/data/benign/mbpp --method rescue -n 5 --out runs/mbpp"})
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  static final double DEFAULT_TOP_P = 0.95;

  @Mixin KbOptions kbOptions;
  @Mixin PipelineSwitches switches;
  @Mixin LlmOptions llmOptions;

  @Option(names = "--benchmark", paramLabel = "KIND:DIR", description = "The benchmark and its folder.")
  String benchmark;

  @Option(names = "--completions", paramLabel = "FILE", description = "Score these samples (JSONL); calls no LLM.")
  Path completions;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (results, summary, reports).")
  Path out;

  @Option(names = "--method", paramLabel = "M", defaultValue = "none",
      description = "none, rescue or baseline; with --completions, the label of the samples. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = {"-n", "--samples"}, paramLabel = "N", defaultValue = "10",
      description = "Samples generated per task. Default: ${DEFAULT-VALUE}.")
  int samples;


  @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "1,5,10",
      description = "The k of pass@k (a task counts for k when it has k samples). Default: ${DEFAULT-VALUE}.")
  List<Integer> ks;

  @Option(names = "--tasks", paramLabel = "REGEX", description = "Only tasks whose id matches (find).")
  String tasks;

  @Option(names = "--language", split = ",", paramLabel = "L", description = "Only these languages (py, c, cpp, js, go).")
  List<String> languages;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Samples scored at once. Default: ${DEFAULT-VALUE}.")
  int jobs;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
      description = "Python that runs the tests. Default: ${DEFAULT-VALUE}.")
  String python;

  @Option(names = "--node-path", paramLabel = "DIR",
      description = "node_modules folder for JavaScript tasks (default: env RESCUE_EVAL_NODE_PATH).")
  Path nodePath;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Wall-clock limit per command of a sample. Default: ${DEFAULT-VALUE}.")
  int timeout;

  @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "2048",
      description = "Memory limit per sample process. Default: ${DEFAULT-VALUE}.")
  long memoryMb;

  @Option(names = "--sanitize", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "CWEval: build C/C++ samples with AddressSanitizer, as its memory-safety tests expect an "
      + "overflow to crash (default on; --no-sanitize to turn off).")
  boolean sanitize;

  @Option(names = "--no-progress", description = "No progress bar on stderr.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    // not required by picocli, so that `rescue eval setup` and `rescue eval doctor` need neither
    if (benchmark == null || out == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option"
          + (benchmark == null && out == null ? "s: '--benchmark=KIND:DIR', '--out=DIR'"
          : benchmark == null ? ": '--benchmark=KIND:DIR'" : ": '--out=DIR'"));
    }
    String m = method.trim().toLowerCase(Locale.ROOT);
    if (completions == null && !List.of("none", "rescue", "baseline").contains(m)) {
      throw new IllegalArgumentException("--method: unknown method '" + method + "' (expected none, rescue or baseline)");
    }
    if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1: " + samples);
    for (int k : ks) if (k < 1) throw new IllegalArgumentException("--k values must be positive: " + k);
    if (completions != null && !Files.isRegularFile(completions)) {
      throw new IllegalArgumentException("--completions: file not found: " + completions);
    }
    // Every method samples alike: the Pass@k convention's nucleus sampling unless --top-p says otherwise.
    if (switches.topP == null) switches.topP = DEFAULT_TOP_P;
    PrintWriter err = spec.commandLine().getErr();
    Path node = nodePath != null ? nodePath
        : System.getenv("RESCUE_EVAL_NODE_PATH") != null ? Path.of(System.getenv("RESCUE_EVAL_NODE_PATH")) : null;
    SandboxLimits limits = new SandboxLimits(timeout, timeout, memoryMb << 20, 256, 16L << 20);
    Files.createDirectories(out);
    try (EvalHarness harness = EvalHarness.open(limits, Toolchain.detect(python, node))) {
      Benchmark b = Benchmarks.open(benchmark, harness.toolchain(), harness.shims(), SecurityOracles.standard(), sanitize);
      Predicate<EvalTask> filter = filter();
      List<String> inputProblems = new ArrayList<>();
      EvalRun.Outcome outcome;
      try (ResultsLog log = new ResultsLog(out.resolve("results.jsonl"))) {
        EvalRun run = new EvalRun(b, harness.sandbox(), log, jobs, noProgress ? EvalRun.Progress.NONE : progressBar());
        if (completions != null) {
          CompletionsFile.Read read = CompletionsFile.read(completions, m);
          inputProblems.addAll(read.problems());
          outcome = run.scoreCompletions(read.completions(), filter);
        } else if (m.equals("none")) {
          outcome = run.generateAndScore(m, samples,
              SampleGenerator.direct(m, samplingLlm(), switches.temperature, switches.topP), filter);
        } else {
          switches.retriever = m;
          try (RescueSession s = RescueSession.open(kbOptions, switches, samplingLlm())) {
            outcome = run.generateAndScore(m, samples, SampleGenerator.pipeline(m, s.rescue), filter);
          }
        }
        inputProblems.addAll(outcome.problems());
        var summary = EvalReport.write(out, log.all(), new EvalReport.Context(b.kind(), m, ks, outcome.skipped(),
            inputProblems, harness.sandbox().describe(), harness.toolchain().describe(), harness.oracleNames(),
            harness.compatibilityModules(), outcome.seconds(), outcome.scored()));
        err.printf(Locale.ROOT, "scored %d samples (%d already done) in %.1f s; %d tasks skipped; %d problems%n",
            outcome.scored(), outcome.alreadyDone(), outcome.seconds(), outcome.skipped().size(), inputProblems.size());
        inputProblems.forEach(p -> err.println("  " + p));
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        o.println(summary.toString());
        o.flush();
      }
      return inputProblems.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_FAILED;
    }
  }

  /** The LLM without the response cache: n samples of one prompt must be n draws, not one answer n times. */
  private dev.rescue.llm.LlmClient samplingLlm() {
    return dev.rescue.llm.LlmClients.fromSettings(llmOptions.settings().withoutCache().require());
  }

  private Predicate<EvalTask> filter() {
    Pattern p = tasks == null ? null : Pattern.compile(tasks);
    return t -> (p == null || p.matcher(t.id()).find())
        && (languages == null || languages.contains(t.language()));
  }

  private static EvalRun.Progress progressBar() {
    return new EvalRun.Progress() {
      private ProgressBar bar;

      @Override
      public void start(int total) {
        bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500).build();
      }

      @Override
      public synchronized void step(String label) {
        if (bar != null) {
          bar.setExtraMessage(label);
          bar.step();
        }
      }

      @Override
      public void done() {
        if (bar != null) bar.close();
      }
    };
  }
}
