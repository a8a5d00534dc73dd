package dev.rescue.analysis;

import dev.rescue.model.Language;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API calls of a piece of code in a known language: the facade the pipeline and the KB builder
 * use, so that they need not know the front-ends. See {@link LanguageFrontEnd#apiCalls} for what a
 * call name looks like ({@code yaml.load}, {@code strcpy}, {@code .execute}).
 */
public final class ApiExtractor {
  private ApiExtractor() {}

  /**
   * The API calls of {@code code}, in order of first appearance; empty for null or blank code, a
   * null language, or a language without a front-end (Ruby). Never throws on malformed code.
   */
  public static Set<String> apiCalls(String code, Language language) {
    if (code == null || code.isBlank() || language == null) return Set.of();
    return FrontEnds.of(language)
        .map(f -> Collections.unmodifiableSet(new LinkedHashSet<>(f.apiCalls(code))))
        .orElse(Set.of());
  }

  /** Where those calls are ({@link LanguageFrontEnd#apiCallSites}); empty in the same cases as {@link #apiCalls}. */
  public static List<CallSite> apiCallSites(String code, Language language) {
    if (code == null || code.isBlank() || language == null) return List.of();
    return FrontEnds.of(language).map(f -> f.apiCallSites(code)).orElse(List.of());
  }
}
