package dev.rescue.model;

import java.util.List;

/**
 * The API calls associated with a CWE in one language.
 *
 * @param risky calls that tend to produce the weakness (what a vulnerable draft calls)
 * @param safe the safer alternatives a fix moves to
 */
public record ApiSet(List<String> risky, List<String> safe) {
  public ApiSet {
    risky = risky == null ? List.of() : List.copyOf(risky);
    safe = safe == null ? List.of() : List.copyOf(safe);
  }

  public boolean isEmpty() {
    return risky.isEmpty() && safe.isEmpty();
  }
}
