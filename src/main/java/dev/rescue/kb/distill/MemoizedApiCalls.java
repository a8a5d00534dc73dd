package dev.rescue.kb.distill;

import dev.rescue.model.Language;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the API calls of each (language, code) it was asked about, so that a KB build parses each
 * slice once although the example's API list, the API set and the distiller all need its calls.
 * Thread-safe; lives for one build.
 */
public final class MemoizedApiCalls implements ApiCallSource {
  private final ApiCallSource delegate;
  private final Map<Key, Set<String>> cache = new ConcurrentHashMap<>();

  private record Key(Language language, String code) {}

  public MemoizedApiCalls(ApiCallSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Set<String> apiCalls(String code, Language language) {
    // kept in order of first appearance: Set.copyOf's order changes from run to run, and with it the
    // examples' API lists and so the KB's files and fingerprint
    return cache.computeIfAbsent(new Key(language, code),
        k -> Collections.unmodifiableSet(new LinkedHashSet<>(delegate.apiCalls(k.code(), k.language()))));
  }
}
