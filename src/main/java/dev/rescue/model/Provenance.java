package dev.rescue.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a CWE entry's texts came from.
 *
 * @param pairs ids of the vulnerability-fix pairs distilled into the entry
 * @param commits commit links of those pairs
 * @param summaries every intermediate summary of the cluster-then-summarize distiller, leaves first
 * @param notice the copyright notice and terms the entry's source requires with any copy (MITRE's CWE
 *     Terms of Use for entries derived from the CWE list); "" when none, and then not written
 */
public record Provenance(List<String> pairs, List<String> commits, List<String> summaries, String notice) {
  public Provenance {
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    commits = commits == null ? List.of() : List.copyOf(commits);
    summaries = summaries == null ? List.of() : List.copyOf(summaries);
    notice = Objects.requireNonNullElse(notice, "");
  }

  public Provenance(List<String> pairs, List<String> commits, List<String> summaries) {
    this(pairs, commits, summaries, "");
  }

  public static Provenance none() {
    return new Provenance(List.of(), List.of(), List.of());
  }
}
