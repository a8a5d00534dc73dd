package dev.rescue.index.lucene;

import dev.rescue.index.Hit;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Exact (brute-force) cosine similarity over unit vectors held in memory. KBs hold tens to a few
 * thousand documents, so a scan costs well under a millisecond, is exact and deterministic (no
 * HNSW approximation, no dependence on segment layout), and yields the raw cosine in [-1, 1] that
 * the fusion gates are calibrated on (Lucene's vector scores would be {@code (1 + cos) / 2}).
 * Immutable, so safe for concurrent searches.
 */
final class ExactCosineSearch {
  /**
   * One searchable document.
   *
   * @param cwe the CWE of an example, or the id itself for a CWE document
   * @param language the language of an example, null for a CWE document
   * @param vectors unit-normalised vectors; the row's score is the best of them (none: never a hit)
   */
  record Row(String id, String cwe, Language language, List<float[]> vectors) {
    Row {
      vectors = List.copyOf(vectors);
    }
  }

  private static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id);

  private final List<Row> rows;
  private final int dimension;

  ExactCosineSearch(List<Row> rows, int dimension) {
    this.rows = List.copyOf(rows);
    this.dimension = dimension;
  }

  /** Hits best first (ties by id), at most {@code n}, over rows passing the CWE and language filters. */
  List<Hit> search(float[] query, Set<String> cwes, Language language, int n) {
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query vector has " + query.length + " dimensions, the index holds " + dimension);
    }
    float[] q = normalized(query);
    List<Hit> hits = new ArrayList<>();
    if (q == null || n == 0) return hits;
    for (Row row : rows) {
      if (!cwes.isEmpty() && !cwes.contains(row.cwe())) continue;
      if (language != null && row.language() != language) continue;
      double best = Double.NEGATIVE_INFINITY;
      for (float[] v : row.vectors()) best = Math.max(best, dot(q, v));
      if (best == Double.NEGATIVE_INFINITY) continue;
      // Rounding can push a dot of unit vectors just past 1.
      hits.add(new Hit(row.id(), Math.max(-1.0, Math.min(1.0, best))));
    }
    hits.sort(BEST_FIRST);
    return hits.size() > n ? List.copyOf(hits.subList(0, n)) : hits;
  }

  /** The vector scaled to unit length, or null for a zero (or non-finite) vector, which matches nothing. */
  static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) sum += (double) x * x;
    double norm = Math.sqrt(sum);
    if (norm == 0 || !Double.isFinite(norm)) return null;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
    return sum;
  }
}
