package dev.rescue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.embed.Embedder;
import dev.rescue.generate.AnalyzeStage;
import dev.rescue.internal.CacheDirs;
import dev.rescue.internal.JsonlLine;
import dev.rescue.internal.JsonlReader;
import dev.rescue.kb.KbFolder;
import dev.rescue.kb.KbJson;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.LoadedKb;
import dev.rescue.model.CweIds;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Task;
import dev.rescue.pipeline.TaskJson;
import dev.rescue.retrieve.Calibrator;
import dev.rescue.retrieve.NeutralTasks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
    header = "Choose the retrieval gates of a knowledge base for its embedder.",
    description = {
      "Grid-searches the cause tau, the neutral-task margin, the quiet-code margin (code with no security signal)",
      "and the prevalence prior on labelled tasks (JSONL task lines with a 'cwe' field) and security-neutral",
      "tasks (JSONL task lines): maximises Hit@4 subject to abstention of at least --min-abstention on each set",
      "of neutral tasks (their 'set' field). The API tau, the limits and alpha are kept as the KB has them.",
      "Prints the best grid points, then",
      "writes the chosen gates into the KB's manifest (a KB folder), or into --gates-file (for the bundled",
      "KB's src/main/curated/gates.yaml). The analysis is the no-LLM one."},
    footer = {"", "Example:",
      "  rescue calibrate --labeled labelled.jsonl --benign neutral.jsonl --kb /tmp/kb"})
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KbOptions kbOptions;

  @Option(names = "--labeled", required = true, paramLabel = "FILE", description = "Tasks with their CWE ('cwe' field).")
  Path labeled;

  @Option(names = "--benign", required = true, paramLabel = "FILE", description = "Security-neutral tasks.")
  Path benign;

  @Option(names = "--min-abstention", defaultValue = "0.90", paramLabel = "X",
      description = "Least share of neutral tasks that must get no context. Default: ${DEFAULT-VALUE}.")
  double minAbstention;

  @Option(names = "--gates-file", paramLabel = "FILE", description = "Write the gates as YAML here instead of into the KB.")
  Path gatesFile;

  @Option(names = "--dry-run", description = "Print the table only; write nothing.")
  boolean dryRun;

  @Option(names = "--no-progress", description = "No progress on stderr.")
  boolean noProgress;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "15", description = "Grid rows to print. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (gatesFile != null && !dryRun) FileArgs.outputFile("--gates-file", gatesFile);
    List<Labelled> tasks = new ArrayList<>();
    int bad = read("--labeled", labeled, true, tasks, err) + read("--benign", benign, false, tasks, err);
    Embedder embedder = kbOptions.embedder();
    try (LoadedKb kb = kbOptions.load(embedder)) {
      NeutralTasks neutral = NeutralTasks.forEmbedder(embedder, CacheDirs.of("neutral"));
      Calibrator calibrator = new Calibrator(kb.kb(), kb.index(), embedder, neutral);
      AnalyzeStage analysis = new AnalyzeStage(null);
      List<Calibrator.Prepared> prepared;
      // embedding the tasks is the long part (minutes for a few thousand); the grid search after it takes seconds
      try (Progress progress = Progress.of("calibrate", tasks.size(), err, !noProgress && !tasks.isEmpty())) {
        prepared = tasks.parallelStream()
            .map(t -> {
              Calibrator.Prepared p = calibrator.prepare(analysis.analyse(t.task()),
                  t.cwe() != null && kb.kb().cwe(t.cwe()).isPresent() ? t.cwe() : t.cwe() == null ? null : "uncovered",
                  t.set());
              progress.step();
              return p;
            })
            .filter(p -> !"uncovered".equals(p.gold()))
            .toList();
      }
      FusionPolicy base = kb.kb().gates();
      Calibrator.Result r = calibrator.search(prepared, base, minAbstention, err::println);
      out.printf(Locale.ROOT, "%d labelled tasks (CWE in the KB), %d neutral tasks%n", r.labelled(), r.neutral());
      out.printf(Locale.ROOT, "%-9s %-8s %-6s %-7s %-6s %-6s %-6s %-10s %s%n", "tau_cause", "margin", "quiet", "tau_api",
          "prior", "hit1", "hit4", "abstention", "feasible");
      for (Calibrator.Point p : r.table().subList(0, Math.min(rows, r.table().size()))) {
        out.printf(Locale.ROOT, "%-9.2f %-8s %-6s %-7.1f %-6.3f %-6.3f %-6.3f %-10.3f %s%n", p.tauCause(),
            p.neutralMargin() == null ? "off" : String.format(Locale.ROOT, "%.2f", p.neutralMargin()),
            p.quietCodeMargin() == null ? "off" : String.format(Locale.ROOT, "%.2f", p.quietCodeMargin()), p.tauApi(),
            p.prevalenceWeight(), p.hit1(), p.hit4(), p.abstention(), p.feasible() ? "yes" : "no");
      }
      Calibrator.Point now = calibrator.evaluate(prepared, base, minAbstention);
      out.printf(Locale.ROOT, "the KB's gates now: hit1 %.3f, hit4 %.3f, abstention %.3f (lowest over the neutral sets)%n",
          now.hit1(), now.hit4(), now.abstention());
      out.println("  abstention by set now: " + bySet(now) + "; chosen: " + bySet(r.table().get(0)));
      FusionPolicy chosen = r.chosen();
      out.println("chosen: " + KbJson.mapper().writeValueAsString(chosen));
      if (!r.table().get(0).feasible()) {
        err.println("rescue calibrate: no grid point reaches abstention " + minAbstention + "; the best one is shown");
      }
      if (!dryRun) write(kb, chosen, out);
    }
    out.flush();
    return bad > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
  }

  private void write(LoadedKb kb, FusionPolicy chosen, PrintWriter out) throws Exception {
    if (gatesFile != null) {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      JsonNode node = KbJson.mapper().valueToTree(chosen);
      Files.writeString(gatesFile, yaml.writeValueAsString(node));
      out.println("wrote " + gatesFile);
      return;
    }
    if (kb.labels().size() != 1 || !KbOptions.isFolder(kb.labels().get(0))) {
      throw new IllegalArgumentException("the gates can be written into one KB folder only: give one --kb DIR (not a remote KB), "
          + "or --gates-file FILE (for the bundled KB: src/main/curated/gates.yaml), or --dry-run");
    }
    Path dir = Path.of(kb.labels().get(0));
    KbManifest m = kb.kb().manifest();
    KbFolder.writeManifest(new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(), chosen, m.counts(),
        m.files(), m.fusion()), dir);
    out.println("wrote the gates into " + dir.resolve(KbFolder.MANIFEST));
  }

  private static String bySet(Calibrator.Point p) {
    StringBuilder b = new StringBuilder();
    p.abstentionBySet().forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%s %.3f", k, v)));
    return b.toString();
  }

  /** @param set the task's 'set' field ("" when absent): calibrate holds the abstention floor for each set */
  record Labelled(Task task, String cwe, String set) {}

  static int read(String option, Path file, boolean needsLabel, List<Labelled> into, PrintWriter err) {
    return read("calibrate", option, file, needsLabel, into, err);
  }

  /** Reads task lines (with their 'cwe' when {@code needsLabel}); a bad line is reported on {@code err} and counted. */
  static int read(String command, String option, Path file, boolean needsLabel, List<Labelled> into, PrintWriter err) {
    FileArgs.inputFile(option, file);
    int bad = 0;
    for (JsonlLine line : JsonlReader.read(file, file.getFileName().toString())) {
      if (line.blank()) continue;
      try {
        if (line.failed()) throw new IllegalArgumentException(line.error());
        JsonNode n = KbJson.mapper().readTree(line.text());
        Task t = TaskJson.of(n, line.location());
        JsonNode c = n.get("cwe");
        String cwe = c == null || c.isNull() ? null : CweIds.normalize(c.asText());
        if (needsLabel && cwe == null) throw new IllegalArgumentException("no 'cwe' label");
        into.add(new Labelled(t, needsLabel ? cwe : null, n.path("set").asText("")));
      } catch (Exception e) {
        bad++;
        err.println("rescue " + command + ": " + line.location() + ": " + e.getMessage());
      }
    }
    return bad;
  }
}
