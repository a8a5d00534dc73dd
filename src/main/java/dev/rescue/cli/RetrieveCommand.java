package dev.rescue.cli;

import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.TaskJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "retrieve", mixinStandardHelpOptions = true,
    header = "Retrieve security context for a batch of tasks (JSONL in, JSONL out).",
    description = {
      "Each input line is a task {id, task, code?, language?}; each output line, in input order, is its",
      "retrieval result (DESIGN §4) or {id, error} when the line is bad. The batch always completes.",
      "Exit 1 when some lines failed. No LLM is used unless --llm is given."},
    footer = {"", "Example:", "  rescue retrieve --input tasks.jsonl --output results.jsonl --kb /tmp/kb"})
final class RetrieveCommand implements Callable<Integer> {
  /** Longest input line accepted, in characters: a line over it is an error line, not a crash. */
  static final int MAX_LINE = 1 << 20;

  @Spec CommandSpec spec;
  @Mixin KbOptions kbOptions;
  @Mixin PipelineSwitches switches;
  @Mixin LlmOptions llmOptions;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Tasks, one JSON object a line ('-' for stdin).")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Results, one JSON object a line ('-' for stdout).")
  String output;

  @Option(names = "--threads", paramLabel = "N", description = "Tasks in parallel (default: the number of cores).")
  Integer threads;

  @Option(names = "--llm", description = "Use the configured LLM for the analysis (V_cause and draft).")
  boolean useLlm;

  @Override
  public Integer call() throws Exception {
    List<String> lines = readLines();
    int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
    int failed = 0;
    try (RescueSession s = RescueSession.open(kbOptions, switches, useLlm ? llmOptions.require() : null);
         BufferedWriter w = writer();
         ProgressBar bar = new ProgressBarBuilder().setTaskName("retrieve").setInitialMax(lines.size())
             .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
             .hideEta().build()) {
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        List<Future<Line>> results = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          String fallback = "line " + (i + 1);
          results.add(pool.submit(() -> one(s, line, fallback)));
        }
        for (Future<Line> f : results) {
          Line out = f.get();
          if (out.failed()) failed++;
          w.write(out.json());
          w.write('\n');
          bar.step();
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

  private record Line(String json, boolean failed) {}

  private static Line one(RescueSession s, String line, String fallbackId) {
    String id = fallbackId;
    try {
      if (line.length() > MAX_LINE) {
        return new Line(ResultJson.error(fallbackId, "line longer than " + MAX_LINE + " characters").toString(), true);
      }
      id = TaskJson.idOf(line, fallbackId);
      RetrievalResult r = s.rescue.context(TaskJson.parse(line, fallbackId));
      return new Line(ResultJson.of(r).toString(), false);
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Line(ResultJson.error(id, msg).toString(), true);
    }
  }

  private List<String> readLines() throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader r;
    if (input.equals("-")) {
      r = new BufferedReader(new InputStreamReader(System.in, decoder));
    } else {
      Path p = Path.of(input);
      if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--input " + input + ": no such file");
      r = new BufferedReader(new InputStreamReader(Files.newInputStream(p), decoder));
    }
    List<String> lines = new ArrayList<>();
    try (r) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) lines.add(line);
      }
    }
    return lines;
  }

  private BufferedWriter writer() throws IOException {
    if (output.equals("-")) return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    Path p = Path.of(output);
    if (p.getParent() != null) Files.createDirectories(p.getParent());
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }
}
