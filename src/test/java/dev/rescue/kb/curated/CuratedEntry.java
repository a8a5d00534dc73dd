package dev.rescue.kb.curated;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One authoring file {@code src/main/curated/cwe-NNN.yaml}, as the quality gates read it. Kept in the
 * test package on purpose: the gates check the files against the README's schema independently of
 * the production assembler, so a drift in either shows up as a failing test.
 */
record CuratedEntry(
    @JsonProperty("cwe") String cwe,
    @JsonProperty("name") String name,
    @JsonProperty("guideline") String guideline,
    @JsonProperty("cause") String cause,
    @JsonProperty("apis") Map<String, ApiSet> apis,
    @JsonProperty("examples") List<Example> examples) {

  CuratedEntry {
    apis = apis == null ? Map.of() : Map.copyOf(apis);
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** The risky calls of one language and their safe alternatives, as an API extractor names them. */
  record ApiSet(@JsonProperty("risky") List<String> risky, @JsonProperty("safe") List<String> safe) {
    ApiSet {
      risky = risky == null ? List.of() : List.copyOf(risky);
      safe = safe == null ? List.of() : List.copyOf(safe);
    }
  }

  /**
   * A parallel vulnerable/secure pair. {@code headers} (optional, C and C++ only) lists the headers
   * the pair needs beyond the fixed standard set the compile gate wraps every C/C++ example in.
   */
  record Example(
      @JsonProperty("language") String language,
      @JsonProperty("description") String description,
      @JsonProperty("vulnerable") String vulnerable,
      @JsonProperty("secure") String secure,
      @JsonProperty("headers") List<String> headers) {
    Example {
      headers = headers == null ? List.of() : List.copyOf(headers);
    }
  }
}
