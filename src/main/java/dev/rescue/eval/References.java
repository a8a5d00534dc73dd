package dev.rescue.eval;

import java.util.Locale;

/**
 * A benchmark's own solutions, scored as samples to check the harness on this machine before any model
 * is involved: the secure (or canonical) ones must pass, the unsafe ones must be flagged.
 */
public enum References {
  /** secure references (CWEval), canonical solutions (HumanEval+, BigCodeBench), self-check programs (CodeGuard+) */
  SECURE,
  /** insecure references (CWEval's {@code *_unsafe.*}) */
  UNSAFE;

  /** The method label of these samples in results.jsonl and the reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT) + "-reference";
  }

  public static References parse(String s) {
    for (References r : values()) {
      if (r.name().equalsIgnoreCase(s.trim())) return r;
    }
    throw new IllegalArgumentException("--references: expected secure or unsafe, got '" + s + "'");
  }
}
