package dev.rescue.retrieve.fusion;

import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features the learned fusion reads for one (task, candidate CWE): what each facet said about the
 * candidate (score, rank, gate), whether the facets agree, how common the
 * weakness is, and whether the KB knows it in the task's language. Similarity alone cannot separate
 * neighbouring CWEs (path traversal and unrestricted upload both "save the file the user gives"); these
 * are the signals a weight can trade against each other. The names are the contract with the stored
 * weights ({@code fusion.yaml}): a KB whose weights name other features is refused, not misread.
 */
public final class FusionFeatures {
  /** In the order of a feature vector. */
  public static final List<String> NAMES = List.of(
      // the cause facet's gate score (cosine, mean of cause and best example description): the score the
      // gate reads and the weights were fitted on; the cause passages reach the model through cause_rr
      "cause",
      "cause_rr",      // 1 / rank in the cause ranking (cause passages and prevalence prior included, as RRF ranks it)
      "cause_passed",  // 1 when the cause gate let it through (score above the task's tau, rank within the cap)
      "api",           // log(1 + BM25) of the task's API calls against the CWE's API set, 0 when unlisted
      "api_rr",        // 1 / rank in the API ranking, 0 when unlisted
      "api_passed",    // 1 when the API gate let it through
      "agree",         // 1 when both facets rank it within the rank cap
      "prevalence",    // MITRE Top 25 prior: 1 for the most common weakness, 0 outside the list
      "language",      // 1 when the KB has an example or API set of this CWE in the task's language
      "rrf");          // the paper's gated RRF, times (alpha + 1) so that one first rank counts about 1

  private final Map<String, Set<Language>> languages = new HashMap<>();

  public FusionFeatures(KnowledgeBase kb) {
    for (CweEntry e : kb.cwes()) {
      Set<Language> set = EnumSet.noneOf(Language.class);
      e.apis().keySet().forEach(id -> Language.fromId(id).ifPresent(set::add));
      languages.put(e.cwe(), set);
    }
    for (CodeExample x : kb.examples()) {
      languages.computeIfAbsent(x.cwe(), k -> EnumSet.noneOf(Language.class)).add(x.language());
    }
  }

  /**
   * @param scores every listed candidate's facet scores in the task (as {@link GatedRrfFuser#facetScores})
   * @param policy the task's policy (its cause gate fitted to the task)
   * @param language the task's language, or null when unknown
   * @return one vector per candidate id, in {@link #NAMES} order
   */
  public Map<String, double[]> vectors(Map<String, Map<Facet, FacetScore>> scores, FusionPolicy policy, Language language) {
    Map<String, double[]> out = new HashMap<>();
    for (Map.Entry<String, Map<Facet, FacetScore>> e : scores.entrySet()) {
      out.put(e.getKey(), vector(e.getKey(), e.getValue(), policy, language));
    }
    return out;
  }

  // Only differences between a task's candidates count in a softmax, so a feature that is the same
  // for all of them (the task's best score, its neutral likeness) would carry no weight: none is here.
  private double[] vector(String cwe, Map<Facet, FacetScore> s, FusionPolicy policy, Language language) {
    FacetScore cause = s.get(Facet.CAUSE);
    FacetScore api = s.get(Facet.API);
    double[] x = new double[NAMES.size()];
    if (cause != null) {
      x[0] = cause.score();
      x[1] = 1.0 / cause.rank();
      x[2] = cause.passed() ? 1 : 0;
    }
    if (api != null) {
      x[3] = Math.log1p(Math.max(0, api.score()));
      x[4] = 1.0 / api.rank();
      x[5] = api.passed() ? 1 : 0;
    }
    x[6] = cause != null && api != null && cause.rank() <= policy.rankCap() && api.rank() <= policy.rankCap() ? 1 : 0;
    x[7] = Prevalence.of(cwe);
    x[8] = language != null && languages.getOrDefault(cwe, Set.of()).contains(language) ? 1 : 0;
    x[9] = GatedRrfFuser.rrf(s, policy) * (policy.alpha() + 1);
    return x;
  }
}
