package dev.rescue.retrieve;

import dev.rescue.analysis.signals.CodeEvidence;
import dev.rescue.analysis.signals.CodeSignals;
import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionMethod;
import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.pipeline.Analysis;
import dev.rescue.retrieve.fusion.Fused;
import dev.rescue.retrieve.fusion.FusionFeatures;
import dev.rescue.retrieve.fusion.GatedRrfFuser;
import dev.rescue.retrieve.fusion.Prevalence;
import dev.rescue.retrieve.fusion.LearnedFuser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RESCUE's CWE-level retrieval: facet cause (dense, the cause query against each CWE, see {@link CauseFacet},
 * ranked with the KB's prevalence prior) and facet api (BM25, the code's API calls against each CWE's
 * API set), fused by gated RRF (or ordered by the KB's learned fusion, {@link FusionMethod}), top k.
 */
public final class CweRetriever {
  private static final int API_DEPTH = GatedRrfFuser.CANDIDATES;
  private static final ExecutorService VOCABULARY_THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rescue-vocabulary");
    t.setDaemon(true);
    return t;
  });

  private final KnowledgeBase kb;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final NeutralTasks neutral;
  private final CauseFacet causeFacet;
  private final GatedRrfFuser fuser = new GatedRrfFuser();
  private final LayerGate layerGate;
  private LearnedFuser learned; // made on first use: most retrievers never fuse by the learned model
  /** Made on a thread of its own from construction on: reading the KB's texts is most of a cold start's 0.1 s for it. */
  private final CompletableFuture<WeaknessVocabulary> vocabulary;

  /** @param neutral the neutral tasks for the policy's neutral margin, or null when it is off */
  public CweRetriever(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral) {
    this(kb, index, embedder, neutral, new LayerGate(kb));
  }

  /** For tests and experiments: the layer held back by {@code layerMargin} instead of {@link LayerGate#MARGIN}. */
  public static CweRetriever withLayerMargin(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral,
      double layerMargin) {
    return new CweRetriever(kb, index, embedder, neutral, new LayerGate(kb, layerMargin));
  }

  private CweRetriever(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, NeutralTasks neutral, LayerGate gate) {
    this.kb = kb;
    this.index = index;
    this.embedder = embedder;
    this.neutral = neutral;
    this.causeFacet = new CauseFacet(kb, index);
    this.layerGate = gate;
    this.vocabulary = CompletableFuture.supplyAsync(() -> WeaknessVocabulary.of(kb), VOCABULARY_THREADS);
  }

  /**
   * One task's CWE-level facet lists before any gate (a facet is absent when it was switched off or
   * had nothing to read), the task's similarity to the nearest neutral task (NaN: not measured), and
   * whether the code it gave was read and carries no security signal ({@link CodeEvidence#quiet()}).
   */
  public record TaskFacets(Map<Facet, List<Hit>> lists, double neutral, boolean quietCode) {
    public TaskFacets {
      lists = Map.copyOf(lists);
    }

    /** The lists of a task whose facets were computed elsewhere (an empty list: the facet is absent). */
    public static TaskFacets of(List<Hit> cause, List<Hit> api, double neutral) {
      Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
      if (!cause.isEmpty()) lists.put(Facet.CAUSE, cause);
      if (!api.isEmpty()) lists.put(Facet.API, api);
      return new TaskFacets(lists, neutral, false);
    }
  }

  public CweRetrieval retrieve(Analysis analysis, Set<Facet> facets, FusionPolicy policy) {
    return retrieve(analysis, facets, policy, null);
  }

  /** @param method the fusion, or null for the KB's default (the learned one where the KB says so, else RRF) */
  public CweRetrieval retrieve(Analysis analysis, Set<Facet> facets, FusionPolicy policy, FusionMethod method) {
    TaskFacets task = facets(analysis, facets, null);
    List<ScoredCwe> selected = new ArrayList<>();
    for (Fused f : fuse(task, policy, method, analysis.language())) {
      if (selected.size() >= policy.topK()) break;
      kb.cwe(f.id()).ifPresent(entry -> selected.add(new ScoredCwe(entry, f.score(), f.facets())));
    }
    List<String> reasons = selected.isEmpty() ? reasons(analysis, facets, task, forTask(task, policy)) : List.of();
    return new CweRetrieval(selected, reasons);
  }

  /**
   * The facet lists of {@code analysis}: raw cause similarities, API hits, and the neutral likeness
   * when this retriever has neutral tasks. The cause facet is read only for a task with a word of the
   * KB's {@link WeaknessVocabulary}.
   *
   * @param ownText the description whose own example to leave out (calibration), or null
   */
  public TaskFacets facets(Analysis analysis, Set<Facet> facets, String ownText) {
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    double neutralScore = Double.NaN;
    if (facets.contains(Facet.CAUSE) && !analysis.causeQuery().isBlank()) {
      float[] query = embedder.embedQuery(analysis.causeQuery()); // first: the vocabulary may still be in the making
      if (vocabulary.join().speaksTo(analysis.causeQuery())) {
        lists.put(Facet.CAUSE, causeFacet.score(query, ownText));
        if (neutral != null) neutralScore = neutral.similarity(query);
      }
    }
    if (facets.contains(Facet.API) && !analysis.apiCalls().isEmpty()) {
      lists.put(Facet.API, index.cwesByApis(analysis.apiCalls(), API_DEPTH));
    }
    return new TaskFacets(lists, neutralScore, evidence(analysis).quiet());
  }

  /**
   * The security signals of the code the user gave. An LLM's draft is not read: the quiet-code margin
   * was calibrated on given code, and a draft is written with the LLM's own cause analysis beside it.
   */
  static CodeEvidence evidence(Analysis analysis) {
    return analysis.draft() != null ? CodeEvidence.NONE : CodeSignals.bundled().read(analysis.code(), analysis.language(), analysis.apiCalls());
  }

  /** Gated RRF of a task's lists: the cause facet ranked with the KB's prevalence prior, its gate fitted to the task. */
  public List<Fused> fuse(TaskFacets task, FusionPolicy policy) {
    return fuser.fuse(ranked(task, policy), forTask(task, policy));
  }

  /** As {@link #fuse(TaskFacets, FusionPolicy)} with the fusion {@code method} (null: the KB's default). */
  public List<Fused> fuse(TaskFacets task, FusionPolicy policy, FusionMethod method, Language language) {
    FusionModel model = kb.manifest() == null ? null : kb.manifest().fusion();
    FusionMethod m = method != null ? method : model != null ? model.defaultMethod() : FusionMethod.RRF;
    if (m == FusionMethod.RRF) return fuse(task, policy);
    if (model == null) {
      throw new IllegalArgumentException("the knowledge base has no learned fusion (its manifest has no 'fusion'); "
          + "use --fusion rrf, or train one with 'rescue fusion train'");
    }
    return learned().fuse(ranked(task, policy), forTask(task, policy), language, model);
  }

  /** The learned fusion's candidates of a task and their features (for training it). */
  public List<LearnedFuser.Candidate> candidates(TaskFacets task, FusionPolicy policy, Language language) {
    return learned().candidates(ranked(task, policy), forTask(task, policy), language);
  }

  private synchronized LearnedFuser learned() {
    if (learned == null) learned = new LearnedFuser(new FusionFeatures(kb));
    return learned;
  }

  /** A task's lists as the fusion reads them: the layer held back, the cause facet ranked with the prior. */
  Map<Facet, List<Hit>> ranked(TaskFacets task, FusionPolicy policy) {
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    lists.putAll(layerGate.apply(task.lists()));
    lists.computeIfPresent(Facet.CAUSE, (f, hits) -> Prevalence.rank(hits, policy.prevalenceWeight()));
    return lists;
  }

  /**
   * The cause gate adapts to the task: above the fixed tau AND above its likeness to neutral tasks, and
   * higher still for given code with no security signal.
   */
  private static FusionPolicy forTask(TaskFacets task, FusionPolicy policy) {
    return task.lists().containsKey(Facet.CAUSE) ? policy.forTask(task.neutral(), task.quietCode()) : policy;
  }

  private List<String> reasons(Analysis analysis, Set<Facet> facets, TaskFacets task, FusionPolicy policy) {
    Map<Facet, List<Hit>> lists = layerGate.apply(task.lists()); // the scores the gate read
    double neutralScore = task.neutral();
    List<String> out = new ArrayList<>();
    for (Facet f : new Facet[] {Facet.CAUSE, Facet.API}) {
      String name = f.key();
      if (!facets.contains(f)) {
        out.add(name + ": switched off");
      } else if (!lists.containsKey(f)) {
        out.add(name + ": " + (f == Facet.API ? "no API calls in the code"
            : analysis.causeQuery().isBlank() ? "no task text or comments to analyse"
            : "no word of the task is one the knowledge base uses about weaknesses (beside the words of ordinary tasks)"));
      } else {
        List<Hit> hits = lists.get(f);
        if (hits.isEmpty()) {
          out.add(name + ": no match in the knowledge base");
        } else {
          Hit best = hits.stream().max(java.util.Comparator.comparingDouble(Hit::score)).get();
          String label = kb.cwe(best.id()).map(CweEntry::cwe).orElse(best.id());
          String why = f == Facet.CAUSE && !Double.isNaN(neutralScore)
              ? String.format(Locale.ROOT, " (the task is %.3f like an ordinary, security-neutral task)", neutralScore)
              : "";
          if (f == Facet.CAUSE && task.quietCode() && policy.quietCodeMargin() != null) {
            why += " (its code carries no security signal)";
          }
          out.add(String.format(Locale.ROOT, "%s: best %.3f (%s) is not above the gate %.3f%s",
              name, best.score(), label, policy.tau(f), why));
        }
      }
    }
    return out;
  }
}
