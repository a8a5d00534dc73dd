package dev.rescue.eval;

import dev.rescue.eval.oracle.Finding;
import java.util.List;

/**
 * How one sample scored.
 *
 * @param secure true or false, or null when security was not checked
 * @param oracle which security check decided ("cweval-dynamic", "bandit+...", "none")
 * @param reason why the sample failed or was not checked, null when it passed both
 */
public record Verdict(Functional functional, Boolean secure, String oracle, List<Finding> findings, String reason) {
  public Verdict {
    if (functional == null) throw new IllegalArgumentException("functional must not be null");
    findings = findings == null ? List.of() : List.copyOf(findings);
    oracle = oracle == null ? "none" : oracle;
  }

  public static Verdict error(String reason) {
    return new Verdict(Functional.ERROR, null, "none", List.of(), reason);
  }
}
