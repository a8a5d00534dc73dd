package dev.rescue.eval;

import dev.rescue.eval.oracle.Finding;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The security check of a task that is about no CWE (HumanEval+, BigCodeBench): the program is
 * secure when no installed analyser reports a finding at or above its own threshold (bandit: MEDIUM
 * and HIGH, not the import blacklist; see {@link dev.rescue.eval.oracle.BanditOracle}), and unchecked
 * (null) when no analyser for Python is installed. CodeQL is not used: it needs a scenario's query,
 * which these tasks do not have.
 */
final class CweFreeSecurityCheck {
  private CweFreeSecurityCheck() {}

  static SecurityOracles.Check of(SecurityOracles oracles, Path program) {
    SecurityOracles.Check c = oracles.check(program, Language.PYTHON, null, null);
    if (!Boolean.FALSE.equals(c.secure())) return c;
    String which = c.findings().stream().limit(3).map(CweFreeSecurityCheck::brief).collect(Collectors.joining("; "));
    return new SecurityOracles.Check(c.oracle(), c.findings(), false,
        c.findings().size() + " finding(s) of " + c.oracle() + ": " + which);
  }

  private static String brief(Finding f) {
    return f.rule() + (f.cwes().isEmpty() ? "" : " " + String.join(",", f.cwes())) + " line " + f.line();
  }
}
