package dev.rescue.model;

import java.util.List;
import java.util.Objects;

/**
 * The code layer of the knowledge base: one line of {@code examples.jsonl}, a parallel pair of
 * slices that differ only where the fix differs.
 *
 * @param apis API calls of the vulnerable and secure slices
 * @param poi 1-based line numbers of the points of interest in the secure slice's function
 * @param hops slicing depth used (0 when not sliced)
 * @param tokens o200k tokens of the secure slice
 * @param source commit link, or {@code curated}
 * @param description what the code does, in task words (the pair's description or commit message), or null
 */
public record CodeExample(
    String id,
    String cwe,
    Language language,
    String vulnerable,
    String secure,
    List<String> apis,
    List<Integer> poi,
    int hops,
    int tokens,
    String source,
    String description) {

  public CodeExample {
    Objects.requireNonNull(id, "id");
    cwe = CweIds.normalize(cwe);
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(vulnerable, "vulnerable");
    Objects.requireNonNull(secure, "secure");
    apis = apis == null ? List.of() : List.copyOf(apis);
    poi = poi == null ? List.of() : List.copyOf(poi);
    source = Objects.requireNonNullElse(source, "");
  }
}
