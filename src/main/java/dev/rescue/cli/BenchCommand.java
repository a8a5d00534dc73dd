package dev.rescue.cli;

import dev.rescue.Rescue;
import dev.rescue.embed.Embedder;
import dev.rescue.internal.JsonlLine;
import dev.rescue.internal.JsonlReader;
import dev.rescue.kb.LoadedKb;
import dev.rescue.model.Task;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.TaskJson;
import dev.rescue.serve.InjectionMode;
import dev.rescue.serve.SecurityContextService;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measure warm retrieval latency per task, against the cost of one query embedding.",
    description = {
      "Runs the no-LLM context pipeline over tasks (a JSONL file, or a built-in mix of security-relevant",
      "and neutral tasks) after a warm-up, and prints p50/p95 of the retrieval latency and of the whole",
      "context() call, the p50 of one query embedding (the floor: retrieval embeds at least the task),",
      "and their ratio. Each round gives each task a fresh suffix, so no round hits the embedding cache.",
      "",
      "With --proxy: runs the real proxy over the pipeline in front of a stub upstream answering after",
      "--upstream-ms, and prints the CPU per chat and per /v1/security-context request (one at a time, net",
      "of the bench's own client and stub), the requests per second the cores sustain at that CPU, and for",
      "each --clients count the throughput and the proxy's overhead (latency minus the stub's delay) at",
      "p50/p95. Every request's text is distinct. Other load on the machine inflates every figure: compare",
      "runs made back to back."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KbOptions kbOptions;
  @Mixin RetrievalSwitches switches;

  @Option(names = "--tasks", paramLabel = "FILE", description = "Tasks (JSONL); default: a built-in mix of 12.")
  Path tasksFile;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Warm-up rounds over all tasks. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "10", description = "Measured rounds over all tasks. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--proxy", description = "Benchmark the proxy (serve) instead of the in-process pipeline.")
  boolean proxy;

  @Option(names = "--clients", paramLabel = "N,N,...", defaultValue = "1,8,32",
      description = "With --proxy: the concurrent client counts to run. Default: ${DEFAULT-VALUE}.")
  String clients;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "200",
      description = "With --proxy: requests of each one-at-a-time CPU run and of each client count (shared by its clients). Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(names = "--upstream-ms", paramLabel = "MS", defaultValue = "50",
      description = "With --proxy: the stub upstream's answer time. Default: ${DEFAULT-VALUE}.")
  long upstreamMs;

  @Option(names = "--json", description = "Print the figures as one JSON object (latencies in ms) instead of lines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
    if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, was " + warmup);
    PrintWriter out = spec.commandLine().getOut();
    List<Task> tasks = tasks();
    if (proxy) return proxy(tasks, out);
    Embedder embedder = kbOptions.embedder();
    try (LoadedKb kb = kbOptions.load(embedder)) {
      Rescue rescue = switches.pipeline(kb, embedder).build();
      List<Double> retrieval = new ArrayList<>();
      List<Double> total = new ArrayList<>();
      List<Double> embed = new ArrayList<>();
      for (int round = 0; round < warmup + rounds; round++) {
        boolean measured = round >= warmup;
        for (Task t : tasks) {
          String suffix = " (round " + round + ")";
          Task task = new Task(t.id(), t.task().isBlank() ? t.task() : t.task() + suffix,
              t.task().isBlank() && t.code() != null ? t.code() + "\n# round " + round + "\n" : t.code(), t.language());
          long t0 = System.nanoTime();
          RetrievalResult r = rescue.context(task);
          long t1 = System.nanoTime();
          embedder.embedQuery("floor " + round + " " + t.task() + (t.code() == null ? "" : t.code()));
          long t2 = System.nanoTime();
          if (measured) {
            retrieval.add(r.latencyMs());
            total.add((t1 - t0) / 1e6);
            embed.add((t2 - t1) / 1e6);
          }
        }
      }
      BenchReport report = new BenchReport(tasks.size(), rounds, warmup, String.join("+", kb.labels()), embedder.id(),
          BenchReport.Latency.of(retrieval), BenchReport.Latency.of(total), BenchReport.Latency.of(embed));
      out.print(json ? report.json() + System.lineSeparator() : report.text());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private int proxy(List<Task> tasks, PrintWriter out) throws Exception {
    List<Integer> clientCounts = ProxyBench.clientCounts(clients);
    if (requests < 1) throw new IllegalArgumentException("--requests must be >= 1, was " + requests);
    if (upstreamMs < 0) throw new IllegalArgumentException("--upstream-ms must be >= 0, was " + upstreamMs);
    // the proxy logs a line per request; thousands of them would bury the figures
    System.setProperty("org.slf4j.simpleLogger.log.rescue.serve", "warn");
    try (RescueSession s = RescueSession.open(kbOptions, switches, null)) {
      SecurityContextService service = new SecurityContextService(s.rescue, s.kb.kb(), InjectionMode.SYSTEM);
      ProxyBench.Report report = new ProxyBench(tasks, upstreamMs).run(service, String.join("+", s.kb.labels()),
          s.embedder.id(), warmup, requests, clientCounts, requests);
      out.print(json ? report.json() + System.lineSeparator() : report.text());
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The tasks; a bad line stops the benchmark, whose numbers would not compare with another run's. */
  private List<Task> tasks() throws Exception {
    List<JsonlLine> lines;
    if (tasksFile != null) {
      lines = JsonlReader.read(FileArgs.inputFile("--tasks", tasksFile), tasksFile.toString());
    } else {
      try (InputStream in = BenchCommand.class.getResourceAsStream("/bench/tasks.jsonl")) {
        lines = JsonlReader.read(in, "bench/tasks.jsonl");
      }
    }
    List<Task> out = new ArrayList<>();
    for (JsonlLine line : lines) {
      if (line.failed()) throw new IllegalArgumentException("--tasks: " + line.location() + ": " + line.error());
      if (line.blank()) continue;
      try {
        out.add(TaskJson.parse(line.text(), line.location()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--tasks: " + line.location() + ": " + e.getMessage());
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no tasks to run");
    return out;
  }

  static double pct(List<Double> values, int p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }
}
