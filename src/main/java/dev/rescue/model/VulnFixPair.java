package dev.rescue.model;

import java.util.List;
import java.util.Objects;

/**
 * One vulnerability fix: the vulnerable function before the fix and the fixed one after it.
 *
 * @param id where the pair came from, {@code <file name>:<line number>}
 * @param deletedLines 1-based line numbers in {@code before} that the fix deleted
 * @param addedLines 1-based line numbers in {@code after} that the fix added
 * @param description natural-language task description (SafeCoder rows), or null
 * @param commitMessage the fixing commit's message, or null
 */
public record VulnFixPair(
    String id,
    String cwe,
    Language language,
    String functionName,
    String before,
    String after,
    List<Integer> deletedLines,
    List<Integer> addedLines,
    String commitLink,
    String description,
    String commitMessage) {

  public VulnFixPair {
    Objects.requireNonNull(id, "id");
    cwe = CweIds.normalize(cwe);
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    deletedLines = List.copyOf(deletedLines);
    addedLines = List.copyOf(addedLines);
  }
}
