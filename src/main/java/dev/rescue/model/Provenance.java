package dev.rescue.model;

import java.util.List;

/**
 * Where a CWE entry's texts came from.
 *
 * @param pairs ids of the vulnerability-fix pairs distilled into the entry
 * @param commits commit links of those pairs
 * @param summaries every intermediate summary of the cluster-then-summarize distiller, leaves first
 */
public record Provenance(List<String> pairs, List<String> commits, List<String> summaries) {
  public Provenance {
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    commits = commits == null ? List.of() : List.copyOf(commits);
    summaries = summaries == null ? List.of() : List.copyOf(summaries);
  }

  public static Provenance none() {
    return new Provenance(List.of(), List.of(), List.of());
  }
}
