package dev.rescue.kb.distill;

import dev.rescue.model.Language;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one fix changed at the API level: the calls of its vulnerable and secure slices, and the
 * calls the fix removed and added.
 */
record FixDelta(Language language, Set<String> vulnerable, Set<String> secure) {
  FixDelta {
    vulnerable = Collections.unmodifiableSet(new LinkedHashSet<>(vulnerable));
    secure = Collections.unmodifiableSet(new LinkedHashSet<>(secure));
  }

  static FixDelta of(DistillInput in, ApiCallSource apis) {
    Language lang = in.example().language();
    return new FixDelta(lang, qualified(apis.apiCalls(in.example().vulnerable(), lang)),
        qualified(apis.apiCalls(in.example().secure(), lang)));
  }

  /**
   * The calls without the receiver-less {@code .load} form of a call also present qualified
   * ({@code yaml.load}): front-ends give both for an unknown receiver, and a guideline naming both
   * would say the same thing twice. A lone {@code .method} is kept.
   */
  static Set<String> qualified(Set<String> calls) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : calls) {
      if (c.startsWith(".") && calls.stream().anyMatch(o -> !o.startsWith(".") && o.endsWith(c))) continue;
      out.add(c);
    }
    return out;
  }

  Set<String> removed() {
    Set<String> r = new LinkedHashSet<>(vulnerable);
    r.removeAll(secure);
    return r;
  }

  Set<String> added() {
    Set<String> a = new LinkedHashSet<>(secure);
    a.removeAll(vulnerable);
    return a;
  }
}
