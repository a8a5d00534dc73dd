package dev.rescue.kb.safecoder;

import dev.rescue.model.VulnFixPair;
import java.util.List;

/**
 * Everything read from one SafeCoder/SVEN file or folder, in input order (files sorted by their
 * relative path, lines in file order).
 *
 * @param results one result per non-blank input line, except the dropped rows counted below
 * @param duplicatesDropped rows dropped because an earlier row had the same CWE, before and after
 * @param unchangedDropped rows dropped because before equals after (nothing was fixed)
 */
public record SafeCoderBatch(List<PairResult> results, int duplicatesDropped, int unchangedDropped) {
  public SafeCoderBatch {
    results = List.copyOf(results);
  }

  /** The valid pairs, in input order. */
  public List<VulnFixPair> pairs() {
    return results.stream()
        .filter(r -> r instanceof PairResult.Parsed)
        .map(r -> ((PairResult.Parsed) r).pair())
        .toList();
  }

  /** The lines that failed, in input order. */
  public List<PairResult.Failed> failures() {
    return results.stream()
        .filter(r -> r instanceof PairResult.Failed)
        .map(r -> (PairResult.Failed) r)
        .toList();
  }

  /** A one-line account of the batch for the log. */
  public String summary() {
    return pairs().size() + " pairs, " + failures().size() + " bad lines, "
        + duplicatesDropped + " duplicates and " + unchangedDropped + " unchanged (before == after) rows dropped";
  }
}
