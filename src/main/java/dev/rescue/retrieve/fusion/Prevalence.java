package dev.rescue.retrieve.fusion;

import dev.rescue.index.Hit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How common a weakness is in practice, from MITRE's 2024 CWE Top 25 Most Dangerous Software
 * Weaknesses (ranked by real CVE records). A task description often says what the code does but
 * not how it fails; between weaknesses that fit it about equally, the common one is the better bet.
 * How much that counts depends on the KB (a KB distilled from many fixes describes its CWEs in task
 * words already), so the weight is one of the KB's calibrated gates.
 */
public final class Prevalence {
  /** The list is data, beside the other CWE facts, so that a new year's list is a file change. */
  static final String RESOURCE = "/cwe/top25-2024.txt";
  private static final List<String> TOP_25 = load();

  private Prevalence() {}

  /**
   * The cause facet's hits ranked by their ranking score (which holds the cause passages, see {@link
   * dev.rescue.retrieve.CauseFacet}) plus {@code weight} times prevalence; their raw scores, which
   * the gate reads, unchanged.
   */
  public static List<Hit> rank(List<Hit> similarities, double weight) {
    if (weight == 0) return similarities;
    return similarities.stream().map(h -> new Hit(h.id(), h.score(), h.rankScore() + weight * of(h.id()))).toList();
  }

  /** 1 for the most common weakness, falling linearly to 0.04 for the 25th; 0 outside the list. */
  public static double of(String cwe) {
    int rank = TOP_25.indexOf(cwe);
    return rank < 0 ? 0 : (double) (TOP_25.size() - rank) / TOP_25.size();
  }

  private static List<String> load() {
    try (InputStream in = Prevalence.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("resource missing: " + RESOURCE);
      List<String> cwes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      for (String c : cwes) {
        if (!c.matches("CWE-\\d+")) throw new IllegalStateException(RESOURCE + ": not a CWE id: '" + c + "'");
      }
      return cwes;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
