package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.Analysis;
import dev.rescue.retrieve.fusion.Fused;
import dev.rescue.retrieve.fusion.GatedRrfFuser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Chooses the gates of a knowledge base for its embedder: a grid search over the cause tau, the neutral
 * margin, the quiet-code margin ({@link FusionPolicy#quietCodeMargin()}) and the prevalence weight of the
 * cause ranking that maximises Hit@4 on labelled tasks while keeping abstention on every set of
 * security-neutral tasks at or above a floor (0.90 by default; a point's abstention is its lowest over the
 * sets). The API tau is set by hand and kept. The raw facet lists of every task are computed once; each task
 * is then fused once per prior and per interval between its cause scores within the rank cap (the fusion's
 * result changes only where the task's cause gate crosses one of them), and a grid point only looks each
 * task's outcome up. The code tau does not change which CWEs are chosen; it is set to the 25th percentile
 * of the best code similarity of labelled tasks that have code, so that the code facet speaks for most
 * tasks that give code.
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
  public record Point(double tauCause, Double neutralMargin, double tauApi, double prevalenceWeight,
      Double quietCodeMargin, double hit1, double hit4, double abstention, boolean feasible,
      Map<String, Double> abstentionBySet) {}

  /** The grid, best first, and the chosen policy. */
  public record Result(List<Point> table, FusionPolicy chosen, int labelled, int neutral) {}

  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final CweRetriever retriever;
  private final GatedRrfFuser fuser = new GatedRrfFuser();
  private final boolean neutralTasks;

  public Calibrator(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral) {
    this(kb, index, embedder, neutral, neutral != null);
  }

  private Calibrator(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral, boolean margins) {
    this.index = index;
    this.embedder = embedder;
    this.retriever = new CweRetriever(kb, index, embedder, neutral);
    this.neutralTasks = margins;
  }

  /** A calibrator of tasks whose facets (and neutral likeness) were computed elsewhere: it searches only. */
  static Calibrator ofPreparedTasks(boolean neutralMargins) {
    return new Calibrator(null, null, null, null, neutralMargins);
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
    // the API tau is set by hand (gates.yaml's header says why) and kept
    List<Double> apiTaus = List.of(base.tauApi());
    // Capped at 0.05: larger weights won Hit@4 on SafeCoder-train tasks (mostly Top 25 weaknesses) but
    // put CWE-22 above CWE-611 for "parse an XML file uploaded by the user" and above CWE-918 for
    // "fetch the URL given in the request": the prior may settle near-ties, not override clear matches.
    List<Double> priors = List.of(0.0, 0.025, 0.05);
    List<Double> quiet = new ArrayList<>();
    quiet.add(null);
    quiet.addAll(range(0.0, 0.201, 0.02));
    // each task fused once per prior, API tau and interval between its cause scores: a grid point then
    // only looks its outcome up (the fusion's result changes only where the cause gate crosses a score)
    long start = System.nanoTime();
    List<Outcomes> outcomes = tasks.parallelStream().map(t -> outcomes(t, base, priors, apiTaus)).toList();
    List<FusionPolicy> grid = new ArrayList<>();
    List<int[]> cells = new ArrayList<>(); // {prior index, api index} of each grid point
    for (int pi = 0; pi < priors.size(); pi++) {
      for (Double margin : margins) {
        for (Double q : quiet) {
          for (double tc : causeTaus) {
            for (int ai = 0; ai < apiTaus.size(); ai++) {
              grid.add(base.withTaus(tc, apiTaus.get(ai), base.tauCode()).withNeutralMargin(margin)
                  .withPrevalenceWeight(priors.get(pi)).withQuietCodeMargin(q));
              cells.add(new int[] {pi, ai});
            }
          }
        }
      }
    }
    List<Point> points = new ArrayList<>(IntStream.range(0, grid.size()).parallel()
        .mapToObj(i -> evaluate(tasks, outcomes, grid.get(i), cells.get(i)[0], cells.get(i)[1], abstentionFloor)).toList());
    // among equals, the point nearest the base gates wins: a facet the tasks never exercise keeps its value
    points.sort(Comparator.comparing((Point x) -> !x.feasible())
        .thenComparing(Comparator.comparingDouble(Point::hit4).reversed())
        .thenComparing(Comparator.comparingDouble(Point::abstention).reversed())
        .thenComparing(Comparator.comparingDouble(Point::hit1).reversed())
        .thenComparingDouble(x -> Math.abs(x.tauCause() - base.tauCause())
            + Math.abs(x.prevalenceWeight() - base.prevalenceWeight())
            + (x.quietCodeMargin() == null ? 0 : 0.001 + x.quietCodeMargin())));
    Point best = points.get(0);
    double tauCode = codeTau(tasks, base.tauCode());
    FusionPolicy chosen = base.withTaus(best.tauCause(), best.tauApi(), tauCode).withNeutralMargin(best.neutralMargin())
        .withPrevalenceWeight(best.prevalenceWeight()).withQuietCodeMargin(best.quietCodeMargin());
    long labelled = tasks.stream().filter(t -> t.gold() != null).count();
    progress.accept(String.format(java.util.Locale.ROOT, "calibrate: %d grid points over %d tasks swept in %.1f s",
        points.size(), tasks.size(), (System.nanoTime() - start) / 1e9));
    return new Result(points, chosen, (int) labelled, (int) (tasks.size() - labelled));
  }

  /** What one task's fusion gives: abstained, the gold CWE first, the gold CWE in the top k. */
  private static final int ABSTAINED = 1, HIT1 = 2, HIT4 = 4;

  /**
   * One task's outcomes, per prior and API tau: {@code thresholds} are the distinct cause scores within the
   * rank cap, ascending; {@code codes[i]} is the outcome when the task's cause gate lets through exactly the
   * scores above the {@code i}-th of them (i = 0: all).
   */
  private record Outcomes(double[][][] thresholds, byte[][][] codes) {}

  private Outcomes outcomes(Prepared t, FusionPolicy base, List<Double> priors, List<Double> apiTaus) {
    double[][][] thr = new double[priors.size()][apiTaus.size()][];
    byte[][][] codes = new byte[priors.size()][apiTaus.size()][];
    for (int pi = 0; pi < priors.size(); pi++) {
      FusionPolicy p = base.withNeutralMargin(null).withQuietCodeMargin(null).withPrevalenceWeight(priors.get(pi));
      Map<Facet, List<Hit>> lists = withinCap(retriever.ranked(t.facets(), p), base.rankCap());
      double[] scores = lists.getOrDefault(Facet.CAUSE, List.of()).stream().mapToDouble(Hit::score).distinct().sorted()
          .toArray();
      for (int ai = 0; ai < apiTaus.size(); ai++) {
        thr[pi][ai] = scores;
        byte[] c = new byte[scores.length + 1];
        for (int i = 0; i <= scores.length; i++) {
          double tau = i == 0 ? Double.NEGATIVE_INFINITY : scores[i - 1];
          c[i] = outcome(fuser.fuse(lists, p.withTaus(tau, apiTaus.get(ai), base.tauCode())), t.gold(), base.topK());
        }
        codes[pi][ai] = c;
      }
    }
    return new Outcomes(thr, codes);
  }

  /**
   * Each facet's hits within the rank cap, in the fuser's order (ranking score, then id; a repeated id
   * keeps its best): no hit below the cap can pass a gate, so the fusion of these is that of all.
   */
  private static Map<Facet, List<Hit>> withinCap(Map<Facet, List<Hit>> lists, int cap) {
    Map<Facet, List<Hit>> out = new java.util.EnumMap<>(Facet.class);
    lists.forEach((f, hits) -> {
      Set<String> seen = new HashSet<>();
      out.put(f, hits.stream().sorted(Comparator.comparingDouble(Hit::rankScore).reversed().thenComparing(Hit::id))
          .filter(h -> seen.add(h.id())).limit(cap).toList());
    });
    return out;
  }

  private static byte outcome(List<Fused> fused, String gold, int topK) {
    if (fused.isEmpty()) return ABSTAINED;
    if (gold == null) return 0;
    List<String> ids = fused.stream().limit(topK).map(Fused::id).toList();
    return (byte) ((ids.get(0).equals(gold) ? HIT1 : 0) | (ids.contains(gold) ? HIT4 : 0));
  }

  private Point evaluate(List<Prepared> tasks, List<Outcomes> outcomes, FusionPolicy p, int pi, int ai, double floor) {
    int[] codes = new int[tasks.size()];
    for (int i = 0; i < tasks.size(); i++) {
      CweRetriever.TaskFacets f = tasks.get(i).facets();
      double[] thr = outcomes.get(i).thresholds()[pi][ai];
      // the gate lets through the scores above it: the outcome of the first threshold not below it
      double gate = f.lists().containsKey(Facet.CAUSE) ? p.causeGate(f.neutral(), f.quietCode()) : p.tauCause();
      int idx = upperBound(thr, gate);
      codes[i] = outcomes.get(i).codes()[pi][ai][idx];
    }
    return point(tasks, codes, p, floor);
  }

  /** The number of values in {@code sorted} at or below {@code x}. */
  private static int upperBound(double[] sorted, double x) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One grid point by fusing every task again (what the sweep over stored outcomes must agree with). */
  public Point evaluate(List<Prepared> tasks, FusionPolicy p, double floor) {
    int[] codes = new int[tasks.size()];
    for (int i = 0; i < tasks.size(); i++) codes[i] = outcome(retriever.fuse(tasks.get(i).facets(), p), tasks.get(i).gold(), p.topK());
    return point(tasks, codes, p, floor);
  }

  private static Point point(List<Prepared> tasks, int[] codes, FusionPolicy p, double floor) {
    int lab = 0, h1 = 0, h4 = 0;
    Map<String, int[]> neutralByGroup = new TreeMap<>(); // group -> {tasks, abstained}
    for (int i = 0; i < tasks.size(); i++) {
      Prepared t = tasks.get(i);
      if (t.gold() == null) {
        int[] g = neutralByGroup.computeIfAbsent(t.group(), k -> new int[2]);
        g[0]++;
        if ((codes[i] & ABSTAINED) != 0) g[1]++;
      } else {
        lab++;
        if ((codes[i] & HIT1) != 0) h1++;
        if ((codes[i] & HIT4) != 0) h4++;
      }
    }
    Map<String, Double> bySet = new TreeMap<>();
    neutralByGroup.forEach((g, n) -> bySet.put(g, (double) n[1] / n[0]));
    double abstention = bySet.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
    return new Point(p.tauCause(), p.neutralMargin(), p.tauApi(), p.prevalenceWeight(), p.quietCodeMargin(),
        lab == 0 ? 0 : (double) h1 / lab, lab == 0 ? 0 : (double) h4 / lab, abstention, abstention >= floor, bySet);
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
