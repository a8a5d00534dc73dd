package dev.rescue.retrieve;

import dev.rescue.index.Hit;
import java.util.List;

/**
 * How common a weakness is in practice, from MITRE's 2024 CWE Top 25 Most Dangerous Software
 * Weaknesses (ranked by real CVE records). A task description often says what the code does but
 * not how it fails; between weaknesses that fit it about equally, the common one is the better bet.
 * How much that counts depends on the KB (a KB distilled from many fixes describes its CWEs in task
 * words already), so the weight is one of the KB's calibrated gates.
 */
final class Prevalence {
  private static final List<String> TOP_25_2024 = List.of(
      "CWE-79", "CWE-787", "CWE-89", "CWE-352", "CWE-22", "CWE-125", "CWE-78", "CWE-416", "CWE-862",
      "CWE-434", "CWE-94", "CWE-20", "CWE-77", "CWE-287", "CWE-269", "CWE-502", "CWE-200", "CWE-863",
      "CWE-918", "CWE-119", "CWE-476", "CWE-798", "CWE-190", "CWE-400", "CWE-306");

  private Prevalence() {}

  /**
   * The cause facet's hits ranked by similarity plus {@code weight} times prevalence; their raw
   * scores, which the gate reads, unchanged.
   */
  static List<Hit> rank(List<Hit> similarities, double weight) {
    if (weight == 0) return similarities;
    return similarities.stream().map(h -> new Hit(h.id(), h.score(), h.score() + weight * of(h.id()))).toList();
  }

  /** 1 for the most common weakness, falling linearly to 0.04 for the 25th; 0 outside the list. */
  static double of(String cwe) {
    int rank = TOP_25_2024.indexOf(cwe);
    return rank < 0 ? 0 : (double) (TOP_25_2024.size() - rank) / TOP_25_2024.size();
  }
}
