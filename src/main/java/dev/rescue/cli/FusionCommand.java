package dev.rescue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.Rescue;
import dev.rescue.embed.Embedder;
import dev.rescue.generate.AnalyzeStage;
import dev.rescue.internal.CacheDirs;
import dev.rescue.kb.KbFolder;
import dev.rescue.kb.KbJson;
import dev.rescue.kb.LoadedKb;
import dev.rescue.kb.mitre.CweDefinition;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.model.FusionMethod;
import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.ScoredCwe;
import dev.rescue.pipeline.Analysis;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.RetrieverKind;
import dev.rescue.retrieve.Calibrator;
import dev.rescue.retrieve.CweRetriever;
import dev.rescue.retrieve.NeutralTasks;
import dev.rescue.retrieve.fusion.FusionFeatures;
import dev.rescue.retrieve.fusion.LearnedFuser;
import dev.rescue.retrieve.fusion.SoftmaxRanker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fusion", mixinStandardHelpOptions = true,
    header = "Train the learned fusion of a knowledge base, and compare it with the gated RRF.",
    subcommands = {FusionCommand.Train.class, FusionCommand.Compare.class})
final class FusionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      header = "Fit the learned fusion's weights on labelled tasks.",
      description = {
        "Fits a softmax ranker over the features of each task's candidate CWEs (facet scores and ranks, agreement,",
        "the prevalence prior, the task's language, the gated RRF) by maximum likelihood, with the KB's gates",
        "deciding the candidates, and writes the weights as YAML to --fusion-out (for the bundled KB:",
        "src/main/curated/fusion.yaml) or into the KB folder's manifest. A task's own example is left out of its",
        "facets, as in calibration. The analysis is the no-LLM one. The same tasks give the same weights."},
      footer = {"", "Example:",
        "  rescue fusion train --labeled labelled.jsonl,cweval-train.jsonl --fusion-out src/main/curated/fusion.yaml"})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KbOptions kbOptions;

    @Option(names = "--labeled", required = true, split = ",", paramLabel = "FILE",
        description = "Tasks with their CWE ('cwe' field), comma-separated or repeated.")
    List<Path> labeled;

    @Option(names = "--l2", defaultValue = "0.001", paramLabel = "X",
        description = "L2 penalty on the weights. Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--default", defaultValue = "learned", paramLabel = "F",
        description = "The fusion the KB uses unless told otherwise: rrf or learned. Default: ${DEFAULT-VALUE}.")
    String defaultFusion;

    @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Each set (a task's 'set' field, else its file) counts equally in the likelihood, so that a small "
            + "set of another kind of task (CWEval's code prompts beside SafeCoder's 842 descriptions) is not "
            + "outweighed. Default: on (--no-balance: every task counts once).")
    boolean balance;

    @Option(names = "--fusion-out", paramLabel = "FILE", description = "Write the model as YAML here instead of into the KB.")
    Path out;

    @Option(names = "--dry-run", description = "Print the weights only; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!(l2 >= 0)) throw new IllegalArgumentException("--l2 must be 0 or more, got " + l2);
      FusionMethod method;
      try {
        method = FusionMethod.parse(defaultFusion);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--default: " + e.getMessage());
      }
      if (out != null && !dryRun) FileArgs.outputFile("--fusion-out", out);
      List<CalibrateCommand.Labelled> tasks = new ArrayList<>();
      int bad = 0;
      for (Path f : labeled) {
        List<CalibrateCommand.Labelled> read = new ArrayList<>();
        bad += CalibrateCommand.read("fusion train", "--labeled", f, true, read, err);
        String file = f.getFileName().toString();
        for (CalibrateCommand.Labelled t : read) {
          tasks.add(t.set().isBlank() ? new CalibrateCommand.Labelled(t.task(), t.cwe(), file) : t);
        }
      }
      Embedder embedder = kbOptions.embedder();
      try (LoadedKb kb = kbOptions.load(embedder)) {
        FusionModel model = train(kb, embedder, tasks, l2, balance, method, o);
        o.println("weights:");
        for (int i = 0; i < model.features().size(); i++) {
          o.printf(Locale.ROOT, "  %-13s %10.6f%n", model.features().get(i), model.weights().get(i));
        }
        if (!dryRun) write(kb, model, o);
      }
      o.flush();
      return bad > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
    }

    private void write(LoadedKb kb, FusionModel model, PrintWriter o) throws Exception {
      if (out != null) {
        Files.writeString(out, yaml(model, labeled, l2, balance));
        o.println("wrote " + out);
        return;
      }
      if (kb.labels().size() != 1 || !KbOptions.isFolder(kb.labels().get(0))) {
        throw new IllegalArgumentException("the learned fusion can be written into one KB folder only: give one --kb DIR (not a remote KB), "
            + "or --fusion-out FILE (for the bundled KB: src/main/curated/fusion.yaml), or --dry-run");
      }
      Path dir = Path.of(kb.labels().get(0));
      KbFolder.writeManifest(kb.kb().manifest().withFusion(model), dir);
      o.println("wrote the learned fusion into " + dir.resolve(KbFolder.MANIFEST));
    }
  }

  /** The model of {@code tasks} (those whose CWE the KB has and whose candidates hold it). */
  static FusionModel train(LoadedKb kb, Embedder embedder, List<CalibrateCommand.Labelled> tasks, double l2,
      boolean balance, FusionMethod method, PrintWriter o) {
    FusionPolicy gates = kb.kb().gates();
    NeutralTasks neutral = gates.neutralMargin() == null ? null : NeutralTasks.forEmbedder(embedder, CacheDirs.of("neutral"));
    Calibrator calibrator = new Calibrator(kb.kb(), kb.index(), embedder, neutral);
    CweRetriever retriever = new CweRetriever(kb.kb(), kb.index(), embedder, neutral);
    AnalyzeStage analysis = new AnalyzeStage(null);
    Map<String, Long> perSet = new HashMap<>();
    for (CalibrateCommand.Labelled t : tasks) perSet.merge(t.set(), 1L, Long::sum);
    List<SoftmaxRanker.Group> groups = tasks.parallelStream().map(t -> {
      if (kb.kb().cwe(t.cwe()).isEmpty()) return null;
      Analysis a = analysis.analyse(t.task());
      Calibrator.Prepared p = calibrator.prepare(a, t.cwe());
      List<LearnedFuser.Candidate> cands = retriever.candidates(p.facets(), gates, a.language());
      int gold = -1;
      for (int i = 0; i < cands.size(); i++) if (cands.get(i).id().equals(t.cwe())) gold = i;
      double weight = balance ? (double) tasks.size() / (perSet.size() * perSet.get(t.set())) : 1;
      return gold < 0 ? null : new SoftmaxRanker.Group(cands.stream().map(LearnedFuser.Candidate::x).toList(), gold, weight);
    }).filter(g -> g != null).toList();
    long covered = tasks.stream().filter(t -> kb.kb().cwe(t.cwe()).isPresent()).count();
    o.printf(Locale.ROOT, "%d labelled tasks, %d with their CWE in the KB, %d with it among their candidates%n",
        tasks.size(), covered, groups.size());
    double[] w = SoftmaxRanker.fit(groups, FusionFeatures.NAMES.size(), l2);
    o.printf(Locale.ROOT, "mean log-likelihood of the right CWE: %.4f (uniform: %.4f)%n",
        -(SoftmaxRanker.loss(groups, w, 0)), -(SoftmaxRanker.loss(groups, new double[w.length], 0)));
    List<Double> weights = new ArrayList<>();
    for (double x : w) weights.add(Math.round(x * 1e6) / 1e6);
    return new FusionModel(method.key(), FusionFeatures.NAMES, weights);
  }

  static String yaml(FusionModel model, List<Path> labeled, double l2, boolean balance) throws Exception {
    StringBuilder head = new StringBuilder();
    head.append("# The learned fusion of the bundled KB, fitted by:\n#   rescue fusion train --labeled ");
    head.append(String.join(",", labeled.stream().map(p -> p.getFileName().toString()).toList()));
    head.append(String.format(Locale.ROOT, " --l2 %s%s --default %s --fusion-out src/main/curated/fusion.yaml%n", l2,
        balance ? "" : " --no-balance", model.method()));
    head.append("# (sets from scripts/calibration_sets.py and scripts/fusion_sets.py: SafeCoder train descriptions and the\n");
    head.append("# training half of the CWEval prompts). Retrain after the KB's CWEs, its embedder or its gates change.\n");
    JsonNode node = KbJson.mapper().valueToTree(model);
    return head + new ObjectMapper(new YAMLFactory()).writeValueAsString(node).replaceFirst("^---\n", "");
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      header = "Hit@1, Hit@4 and abstention of rrf, learned and the text-similarity baseline in one run.",
      description = {
        "Runs the whole no-LLM retrieval of every task with the gated RRF, the learned fusion and the baseline",
        "retriever, and prints per set Hit@1 and Hit@4, exactly and related (the right CWE or its parent or child in",
        "MITRE's research view, from --cwe-xml), and the share of neutral tasks that got no context."},
      footer = {"", "Example:",
        "  rescue fusion compare --labeled labelled-val.jsonl --benign mbpp.jsonl --cwe-xml ../shared/data/cwe/cwec_v4.14.xml"})
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KbOptions kbOptions;

    @Option(names = "--labeled", split = ",", paramLabel = "FILE", description = "Labelled sets ('cwe' field), each reported apart.")
    List<Path> labeled = List.of();

    @Option(names = "--benign", split = ",", paramLabel = "FILE", description = "Security-neutral sets, each reported apart.")
    List<Path> benign = List.of();

    @Option(names = "--cwe-xml", required = true, paramLabel = "FILE", description = "MITRE's CWE XML (cwec_v4.14.xml), for related hits.")
    Path cweXml;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (labeled.isEmpty() && benign.isEmpty()) throw new IllegalArgumentException("give --labeled or --benign sets");
      FileArgs.inputFile("--cwe-xml", cweXml);
      Map<String, Set<String>> related = related(MitreCatalog.read(cweXml));
      Embedder embedder = kbOptions.embedder();
      int bad = 0;
      try (LoadedKb kb = kbOptions.load(embedder)) {
        Rescue rescue = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).build();
        Rescue baseline = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder)
            .retriever(RetrieverKind.BASELINE).build();
        boolean hasModel = kb.kb().manifest().fusion() != null;
        o.printf(Locale.ROOT, "%-22s %-9s %5s %6s %6s %8s %8s %8s %6s%n", "set", "method", "n", "hit1", "hit4",
            "rel_hit1", "rel_hit4", "abstain", "p_top");
        for (boolean isLabelled : new boolean[] {true, false}) {
          for (Path f : isLabelled ? labeled : benign) {
            List<CalibrateCommand.Labelled> tasks = new ArrayList<>();
            bad += CalibrateCommand.read("fusion compare", isLabelled ? "--labeled" : "--benign", f, isLabelled, tasks, err);
            String set = f.getFileName().toString();
            report(o, set, "baseline", tasks, t -> baseline.context(t.task()), related);
            report(o, set, "rrf", tasks, t -> rescue.context(t.task(), PipelineOptions.defaults().withFusion(FusionMethod.RRF)),
                related);
            if (hasModel) {
              report(o, set, "learned", tasks,
                  t -> rescue.context(t.task(), PipelineOptions.defaults().withFusion(FusionMethod.LEARNED)), related);
            }
          }
        }
        o.flush();
      }
      return bad > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
    }
  }

  private static void report(PrintWriter o, String set, String method, List<CalibrateCommand.Labelled> tasks,
      java.util.function.Function<CalibrateCommand.Labelled, RetrievalResult> run, Map<String, Set<String>> related) {
    List<RetrievalResult> results = tasks.parallelStream().map(run).toList();
    int n = tasks.size(), h1 = 0, h4 = 0, r1 = 0, r4 = 0, abstained = 0;
    double pTop = 0;
    for (int i = 0; i < n; i++) {
      String gold = tasks.get(i).cwe();
      List<String> ids = results.get(i).cwes().stream().limit(4).map(ScoredCwe::cwe).toList();
      if (ids.isEmpty()) abstained++;
      else pTop += results.get(i).cwes().get(0).score();
      if (gold == null) continue;
      Set<String> near = related.getOrDefault(gold, Set.of(gold));
      if (!ids.isEmpty() && ids.get(0).equals(gold)) h1++;
      if (ids.contains(gold)) h4++;
      if (!ids.isEmpty() && near.contains(ids.get(0))) r1++;
      if (ids.stream().anyMatch(near::contains)) r4++;
    }
    boolean lab = tasks.stream().anyMatch(t -> t.cwe() != null);
    double d = Math.max(1, n);
    String pt = "learned".equals(method) && n > abstained ? String.format(Locale.ROOT, "%.3f", pTop / (n - abstained)) : "-";
    if (lab) {
      o.printf(Locale.ROOT, "%-22s %-9s %5d %6.3f %6.3f %8.3f %8.3f %8.3f %6s%n", set, method, n, h1 / d, h4 / d, r1 / d,
          r4 / d, abstained / d, pt);
    } else {
      o.printf(Locale.ROOT, "%-22s %-9s %5d %6s %6s %8s %8s %8.3f %6s%n", set, method, n, "-", "-", "-", "-", abstained / d, pt);
    }
    o.flush();
  }

  /** Each CWE with itself, its parents and its children in MITRE's research view. */
  static Map<String, Set<String>> related(MitreCatalog catalog) {
    Map<String, Set<String>> out = new HashMap<>();
    for (CweDefinition d : catalog.all()) {
      out.computeIfAbsent(d.cwe(), k -> new HashSet<>()).add(d.cwe());
      for (String p : d.parents()) {
        out.get(d.cwe()).add(p);
        out.computeIfAbsent(p, k -> new HashSet<>(Set.of(p))).add(d.cwe());
      }
    }
    return out;
  }
}
