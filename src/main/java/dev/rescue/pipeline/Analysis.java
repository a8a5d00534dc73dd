package dev.rescue.pipeline;

import dev.rescue.model.Language;
import java.util.List;

/**
 * The three facets of a task, as the analysis stage found them.
 *
 * @param causeQuery text matched against CWE causes: the LLM's vulnerability-cause analysis, or
 *     without an LLM the task text plus the comments and docstrings of the given code
 * @param code code matched against examples: the LLM's draft, or the code the user gave; null when none
 * @param apiCalls API calls of {@code code}
 * @param language the task's language, given or guessed; null when unknown
 * @param draft the LLM's zero-shot draft, or null (it never goes into the final prompt)
 */
public record Analysis(String causeQuery, String code, List<String> apiCalls, Language language, String draft) {
  public Analysis {
    causeQuery = causeQuery == null ? "" : causeQuery;
    apiCalls = List.copyOf(apiCalls);
  }
}
