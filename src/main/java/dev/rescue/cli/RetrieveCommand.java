package dev.rescue.cli;

import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.TaskJson;
import dev.rescue.internal.JsonlLine;
import dev.rescue.internal.JsonlReader;
import dev.rescue.model.Task;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "retrieve", mixinStandardHelpOptions = true,
    header = "Retrieve security context for a batch of tasks (JSONL in, JSONL out).",
    description = {
      "Each input line is a task {id, task, code?, language?}; each output line, in input order, is its",
      "retrieval result (as context --json prints it) or {id, error} when the line is bad. The batch always completes.",
      "Exit 1 when some lines failed. No LLM is used unless --llm is given."},
    footer = {"", "Example:", "  rescue retrieve --input tasks.jsonl --output results.jsonl --kb /tmp/kb"})
final class RetrieveCommand implements Callable<Integer> {
  /** Longest input line accepted, in characters: a line over it is an error line, not a crash. */
  static final int MAX_LINE = 1 << 20;
  /**
   * Most query vectors a batch keeps (about 2 KB each with its text: 32 MB at most). Batches repeat
   * cause queries far apart (the report sets' MBPP tasks as prose and as code in six languages share
   * their docstrings: 146 repeats in 1,502 tasks, of which a 256-entry cache caught 40), and each
   * repeat caught saves a forward pass of the model, most of a task's CPU.
   */
  static final int MAX_QUERY_CACHE = 16_384;

  @Spec CommandSpec spec;
  @Mixin KbOptions kbOptions;
  @Mixin RetrievalSwitches switches;
  @Mixin LlmOptions llmOptions;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Tasks, one JSON object a line ('-' for stdin).")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Results, one JSON object a line ('-' for stdout).")
  String output;

  @Option(names = "--threads", paramLabel = "N", description = "Tasks in parallel (default: the number of cores).")
  Integer threads;

  @Option(names = "--no-progress", description = "No progress on stderr.")
  boolean noProgress;

  @Option(names = "--llm", description = "Use the configured LLM for the analysis (V_cause and draft).")
  boolean useLlm;

  @Override
  public Integer call() throws Exception {
    // every argument is checked and every line read before the KB and the model load
    if (!output.equals(FileArgs.STDIO)) FileArgs.outputFile("--output", Path.of(output));
    List<Line> lines = parse(readLines());
    List<Line> tasks = lines.stream().filter(l -> l.task() != null).toList();
    int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
    PrintWriter err = spec.commandLine().getErr();
    Consumer<String> warnings = w -> {
      synchronized (err) {
        err.println(w);
        err.flush();
      }
    };
    Map<Line, Future<Result>> running = new HashMap<>();
    int failed = 0;
    try (RescueSession s = tasks.isEmpty() ? null
            : RescueSession.open(kbOptions, switches, useLlm ? llmOptions.require() : null, queryCache(tasks.size()));
         BufferedWriter w = writer();
         Progress progress = Progress.of("retrieve", lines.size(), err, !noProgress && !lines.isEmpty())) {
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        for (Line line : tasks) running.put(line, pool.submit(() -> run(s, line, warnings)));
        for (Line line : lines) {
          Result out = line.task() == null ? line.error() : running.get(line).get();
          if (out.failed()) failed++;
          w.write(out.json());
          w.write('\n');
          progress.step();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    if (failed > 0) {
      spec.commandLine().getErr().println("rescue retrieve: " + failed + " of " + lines.size() + " lines failed (see their 'error')");
    }
    return failed > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
  }

  /** A cache that holds every task's cause query of a batch of {@code tasks}, within {@link #MAX_QUERY_CACHE}. */
  static int queryCache(int tasks) {
    return Math.max(KbOptions.QUERY_CACHE, Math.min(tasks, MAX_QUERY_CACHE));
  }

  /** An input line: its task when it parsed, else the error line that stands for it in the output. */
  private record Line(int number, Task task, Result error) {}

  /** An output line. */
  private record Result(String json, boolean failed) {
    static Result error(String id, String message) {
      return new Result(ResultJson.error(id, message).toString(), true);
    }
  }

  private static List<Line> parse(List<JsonlLine> input) {
    List<Line> out = new ArrayList<>();
    for (JsonlLine l : input) {
      if (l.blank()) continue;
      String fallbackId = "line " + l.number();
      if (l.failed()) {
        out.add(new Line(l.number(), null, Result.error(fallbackId, l.location() + ": " + l.error())));
      } else if (l.text().length() > MAX_LINE) {
        out.add(new Line(l.number(), null, Result.error(fallbackId, l.location() + ": longer than " + MAX_LINE + " characters")));
      } else {
        try {
          out.add(new Line(l.number(), TaskJson.parse(l.text(), fallbackId), null));
        } catch (IllegalArgumentException e) {
          out.add(new Line(l.number(), null, Result.error(TaskJson.idOf(l.text(), fallbackId), l.location() + ": " + e.getMessage())));
        }
      }
    }
    return out;
  }

  private static Result run(RescueSession s, Line line, Consumer<String> warnings) {
    try {
      RetrievalResult r = s.context(line.task(), warnings);
      return new Result(ResultJson.of(r).toString(), false);
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Result.error(line.task().id(), msg);
    }
  }

  private List<JsonlLine> readLines() throws IOException {
    if (input.equals(FileArgs.STDIO)) return JsonlReader.read(System.in, "stdin");
    Path p = FileArgs.inputFile("--input", Path.of(input));
    return JsonlReader.read(p, input);
  }

  private BufferedWriter writer() throws IOException {
    if (output.equals(FileArgs.STDIO)) return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
  }
}
