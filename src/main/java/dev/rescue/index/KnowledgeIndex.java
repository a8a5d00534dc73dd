package dev.rescue.index;

import dev.rescue.model.Language;
import java.util.List;
import java.util.Set;

/**
 * Search over a knowledge base's two layers. Scores are raw: cosine similarity for dense
 * searches, BM25 for API searches; results are best first, at most {@code n}. No hit is an empty list.
 * {@code cwes} restricts code-level searches to those CWEs (empty: all); {@code language} to that
 * language (null: all).
 */
public interface KnowledgeIndex extends AutoCloseable {
  /** CWE layer, facet cause: query vector against each CWE's cause vector. */
  List<Hit> cwesByCause(float[] query, int n);

  /**
   * CWE layer, facet cause, by passage: query vector against each of a CWE's {@link CausePassages},
   * a CWE's score the best of its passages. Ranking evidence: the gate reads {@link #cwesByCause}.
   */
  List<Hit> cwesByCausePassage(float[] query, int n);

  /** CWE layer, facet api: the API calls against each CWE's API set. */
  List<Hit> cwesByApis(List<String> apiCalls, int n);

  /** Code layer, facet cause: query vector against each example's description (or its CWE's cause). */
  List<Hit> examplesByCause(float[] query, Set<String> cwes, Language language, int n);

  /** Code layer, facet api: the API calls against each example's API set. */
  List<Hit> examplesByApis(List<String> apiCalls, Set<String> cwes, Language language, int n);

  /** Code layer, facet code: a code vector against each example's vulnerable and secure code (the better of the two). */
  List<Hit> examplesByCode(float[] codeVector, Set<String> cwes, Language language, int n);

  @Override
  void close();
}
