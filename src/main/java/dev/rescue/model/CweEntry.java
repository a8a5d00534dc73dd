package dev.rescue.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The CWE layer of the knowledge base: one line of {@code cwes.jsonl}.
 *
 * @param apis API set per language id ({@code py}, {@code c}, ...)
 * @param examples ids of this CWE's examples in {@code examples.jsonl}
 * @param distiller {@code llm:MODEL}, {@code rules} or {@code curated}
 */
public record CweEntry(
    String cwe,
    String name,
    String guideline,
    String cause,
    Map<String, ApiSet> apis,
    List<String> examples,
    Provenance provenance,
    String distiller) {

  public CweEntry {
    cwe = CweIds.normalize(cwe);
    name = Objects.requireNonNullElse(name, "");
    guideline = Objects.requireNonNullElse(guideline, "");
    cause = Objects.requireNonNullElse(cause, "");
    apis = apis == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(apis));
    examples = examples == null ? List.of() : List.copyOf(examples);
    provenance = provenance == null ? Provenance.none() : provenance;
    distiller = Objects.requireNonNullElse(distiller, "");
  }
}
