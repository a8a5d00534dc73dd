package dev.rescue.model;

import java.util.List;

/**
 * Which selected CWEs earn their whole guideline and examples in the context. Text similarity ranks
 * the candidates behind the first loosely, so only the first CWE and those the code's API calls
 * back get everything; the others get their core rule, and an example only when the example itself
 * matched the code. The prompt assembler and the example retriever both follow this one rule.
 */
public final class ContextShare {
  private ContextShare() {}

  /** @param ranked the selected CWEs, best first; {@code cwe} is one of them */
  public static boolean whole(List<ScoredCwe> ranked, ScoredCwe cwe) {
    return (!ranked.isEmpty() && ranked.get(0) == cwe) || cwe.passed(Facet.API);
  }
}
