package dev.rescue.retrieve;

import java.util.List;

/**
 * How common a weakness is in practice, from MITRE's 2024 CWE Top 25 Most Dangerous Software
 * Weaknesses (ranked by real CVE records). A task description often says what the code does but
 * not how it fails; between weaknesses that fit it about equally, the common one is the better bet.
 */
final class Prevalence {
  private static final List<String> TOP_25_2024 = List.of(
      "CWE-79", "CWE-787", "CWE-89", "CWE-352", "CWE-22", "CWE-125", "CWE-78", "CWE-416", "CWE-862",
      "CWE-434", "CWE-94", "CWE-20", "CWE-77", "CWE-287", "CWE-269", "CWE-502", "CWE-200", "CWE-863",
      "CWE-918", "CWE-119", "CWE-476", "CWE-798", "CWE-190", "CWE-400", "CWE-306");

  private Prevalence() {}

  /** 1 for the most common weakness, falling linearly to 0.04 for the 25th; 0 outside the list. */
  static double of(String cwe) {
    int rank = TOP_25_2024.indexOf(cwe);
    return rank < 0 ? 0 : (double) (TOP_25_2024.size() - rank) / TOP_25_2024.size();
  }
}
