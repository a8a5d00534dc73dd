package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.Analysis;
import dev.rescue.retrieve.fusion.Fused;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Chooses the gates of a knowledge base for its embedder: a grid search over the cause tau, the
 * neutral margin, the API tau and the prevalence weight of the cause ranking that maximises Hit@4 on labelled tasks while keeping abstention on
 * every set of security-neutral tasks at or above a floor (0.90 by default; a point's abstention is its
 * lowest over the sets). The raw facet lists of every task
 * are computed once; each grid point only re-fuses them. The code tau does not change which CWEs are
 * chosen; it is set to the 25th percentile of the best code similarity of labelled tasks that have
 * code, so that the code facet speaks for most tasks that give code.
 */
public final class Calibrator {
  /**
   * One task's facets, ready to fuse under any gates.
   *
   * @param group the set a neutral task comes from ("" for one set): the abstention floor holds for each set
   *     (ordinary tasks as prose and as code prefixes in every language), not only for their mix
   */
  public record Prepared(String gold, CweRetriever.TaskFacets facets, double bestCode, String group) {
    public Prepared {
      group = group == null ? "" : group;
    }

    public Prepared(String gold, List<Hit> cause, List<Hit> api, double neutral, double bestCode) {
      this(gold, CweRetriever.TaskFacets.of(cause, api, neutral), bestCode, "");
    }

    public List<Hit> cause() {
      return facets.lists().getOrDefault(Facet.CAUSE, List.of());
    }
  }

  /** One grid point and what it achieved. */
  public record Point(double tauCause, Double neutralMargin, double tauApi, double prevalenceWeight, double hit1,
      double hit4, double abstention, boolean feasible) {}

  /** The grid, best first, and the chosen policy. */
  public record Result(List<Point> table, FusionPolicy chosen, int labelled, int neutral) {}

  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final CweRetriever retriever;
  private final boolean neutralTasks;

  public Calibrator(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral) {
    this.index = index;
    this.embedder = embedder;
    this.retriever = new CweRetriever(kb, index, embedder, neutral);
    this.neutralTasks = neutral != null;
  }

  /** @param gold the task's CWE, or null for a security-neutral task */
  public Prepared prepare(Analysis a, String gold) {
    return prepare(a, gold, "");
  }

  /** As {@link #prepare(Analysis, String)}, for a task of the set {@code group}. */
  public Prepared prepare(Analysis a, String gold, String group) {
    CweRetriever.TaskFacets facets = retriever.facets(a, EnumSet.of(Facet.CAUSE, Facet.API), a.causeQuery());
    double bestCode = Double.NaN;
    if (gold != null && a.code() != null && !a.code().isBlank()) {
      bestCode = index.examplesByCode(embedder.embedPassage(a.code()), java.util.Set.of(), null, 1).stream()
          .mapToDouble(Hit::score).max().orElse(Double.NaN);
    }
    return new Prepared(gold, facets, bestCode, group);
  }

  public Result search(List<Prepared> tasks, FusionPolicy base, double abstentionFloor, Consumer<String> progress) {
    List<Double> causeTaus = range(0.40, 0.86, 0.02);
    List<Double> margins = new ArrayList<>();
    margins.add(null);
    if (neutralTasks) margins.addAll(range(-0.20, 0.061, 0.02));
    List<Double> apiTaus = new ArrayList<>(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0));
    apiTaus.add(Double.POSITIVE_INFINITY);
    // Capped at 0.05: larger weights won Hit@4 on SafeCoder-train tasks (mostly Top 25 weaknesses) but
    // put CWE-22 above CWE-611 for "parse an XML file uploaded by the user" and above CWE-918 for
    // "fetch the URL given in the request": the prior may settle near-ties, not override clear matches.
    List<Double> priors = List.of(0.0, 0.025, 0.05);
    List<FusionPolicy> grid = new ArrayList<>();
    for (double prior : priors) {
      for (Double margin : margins) {
        for (double tc : causeTaus) {
          for (double ta : apiTaus) {
            grid.add(base.withTaus(tc, ta, base.tauCode()).withNeutralMargin(margin).withPrevalenceWeight(prior));
          }
        }
      }
    }
    List<Point> points = new ArrayList<>(grid.parallelStream().map(p -> evaluate(tasks, p, abstentionFloor)).toList());
    // among equals, the point nearest the base gates wins: a facet the tasks never exercise keeps its value
    points.sort(Comparator.comparing((Point x) -> !x.feasible())
        .thenComparing(Comparator.comparingDouble(Point::hit4).reversed())
        .thenComparing(Comparator.comparingDouble(Point::abstention).reversed())
        .thenComparing(Comparator.comparingDouble(Point::hit1).reversed())
        .thenComparingDouble(x -> Math.abs(x.tauCause() - base.tauCause())
            + Math.abs(Math.min(x.tauApi(), 100) - base.tauApi()) / 10
            + Math.abs(x.prevalenceWeight() - base.prevalenceWeight())));
    Point best = points.get(0);
    double tauCode = codeTau(tasks, base.tauCode());
    FusionPolicy chosen = base.withTaus(best.tauCause(), best.tauApi(), tauCode).withNeutralMargin(best.neutralMargin())
        .withPrevalenceWeight(best.prevalenceWeight());
    long labelled = tasks.stream().filter(t -> t.gold() != null).count();
    progress.accept("calibrate: " + points.size() + " grid points over " + tasks.size() + " tasks");
    return new Result(points, chosen, (int) labelled, (int) (tasks.size() - labelled));
  }

  Point evaluate(List<Prepared> tasks, FusionPolicy p, double floor) {
    int lab = 0, h1 = 0, h4 = 0;
    java.util.Map<String, int[]> neutralByGroup = new java.util.TreeMap<>(); // group -> {tasks, abstained}
    for (Prepared t : tasks) {
      List<Fused> top = retriever.fuse(t.facets(), p);
      if (t.gold() == null) {
        int[] g = neutralByGroup.computeIfAbsent(t.group(), k -> new int[2]);
        g[0]++;
        if (top.isEmpty()) g[1]++;
      } else {
        lab++;
        List<String> ids = top.stream().limit(p.topK()).map(Fused::id).toList();
        if (!ids.isEmpty() && ids.get(0).equals(t.gold())) h1++;
        if (ids.contains(t.gold())) h4++;
      }
    }
    double abstention = neutralByGroup.values().stream().mapToDouble(g -> (double) g[1] / g[0]).min().orElse(1);
    return new Point(p.tauCause(), p.neutralMargin(), p.tauApi(), p.prevalenceWeight(), lab == 0 ? 0 : (double) h1 / lab,
        lab == 0 ? 0 : (double) h4 / lab, abstention, abstention >= floor);
  }



  private static double codeTau(List<Prepared> tasks, double fallback) {
    double[] best = tasks.stream().filter(t -> t.gold() != null && !Double.isNaN(t.bestCode()))
        .mapToDouble(Prepared::bestCode).sorted().toArray();
    if (best.length < 5) return fallback;
    return Math.floor(best[best.length / 4] * 100) / 100.0;
  }

  private static List<Double> range(double from, double to, double step) {
    return IntStream.rangeClosed(0, (int) Math.floor((to - from) / step + 1e-9))
        .mapToObj(i -> Math.round((from + i * step) * 1000) / 1000.0)
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }
}
