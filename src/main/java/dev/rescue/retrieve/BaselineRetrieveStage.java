package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.pipeline.Analysis;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;
import dev.rescue.retrieve.fusion.Fused;
import dev.rescue.retrieve.fusion.GatedRrfFuser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text-similarity baseline (what SecCoder does), for comparisons in the same run: the task's
 * words and code against the raw examples (dense over their descriptions and code, BM25 over their
 * API terms), fused by plain RRF with no gates, and the CWEs of the top examples. It never abstains.
 * Replaces both retrieval stages of RESCUE.
 */
public final class BaselineRetrieveStage implements Stage {
  private static final int DEPTH = GatedRrfFuser.CANDIDATES;

  private final KnowledgeBase kb;
  private final KnowledgeIndex index;
  private final Embedder embedder;
  private final FusionPolicy policy;
  private final GatedRrfFuser fuser = new GatedRrfFuser();

  public BaselineRetrieveStage(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, FusionPolicy policy) {
    this.kb = kb;
    this.index = index;
    this.embedder = embedder;
    // no gates: every listed hit within the rank cap counts
    double off = Double.NEGATIVE_INFINITY;
    this.policy = new FusionPolicy(policy.alpha(), DEPTH, policy.topK(), off, off, off,
        policy.examplesPerCwe(), policy.maxExamples(), null, 0);
  }

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    Analysis a = ctx.analysis();
    String text = (ctx.task().task() + "\n" + (a.code() == null ? "" : a.code())).strip();
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    Set<String> all = Set.of();
    lists.put(Facet.CAUSE, index.examplesByCause(embedder.embedQuery(text), all, null, DEPTH));
    lists.put(Facet.CODE, index.examplesByCode(embedder.embedPassage(text), all, null, DEPTH));
    List<String> words = new ArrayList<>(a.apiCalls());
    for (String w : ctx.task().task().toLowerCase(Locale.ROOT).split("[^a-z0-9_.]+")) {
      if (w.length() > 2) words.add(w);
    }
    if (!words.isEmpty()) lists.put(Facet.API, index.examplesByApis(words, all, null, DEPTH));

    Map<String, ScoredCwe> cwes = new LinkedHashMap<>();
    List<ScoredExample> examples = new ArrayList<>();
    Set<String> exampleCwes = new LinkedHashSet<>();
    for (Fused f : fuser.fuse(lists, policy)) {
      CodeExample ex = kb.example(f.id()).orElse(null);
      if (ex == null) continue;
      if (cwes.size() < policy.topK() && !cwes.containsKey(ex.cwe())) {
        kb.cwe(ex.cwe()).ifPresent(e -> cwes.put(e.cwe(), new ScoredCwe(e, f.score(), f.facets())));
      }
      if (ctx.options().examples() && examples.size() < policy.maxExamples() && cwes.containsKey(ex.cwe())
          && exampleCwes.add(ex.cwe())) {
        examples.add(new ScoredExample(ex, f.score(), f.facets()));
      }
      if (cwes.size() >= policy.topK() && examples.size() >= policy.maxExamples()) break;
    }
    return chain.proceed(ctx.withCwes(List.copyOf(cwes.values()), List.of()).withExamples(examples));
  }

  @Override
  public boolean retrieval() {
    return true;
  }
}
