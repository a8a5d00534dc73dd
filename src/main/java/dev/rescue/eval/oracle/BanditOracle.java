package dev.rescue.eval.oracle;

import dev.rescue.check.Severity;
import dev.rescue.check.analyser.Bandit;
import dev.rescue.check.analyser.AnalyserFinding;
import java.util.List;
import java.util.function.Predicate;

/**
 * Bandit (Python), see {@link Bandit}. The import blacklist tests (B4xx) are left out: they flag an
 * {@code import}, not a use, and would mark every program whose given context imports
 * {@code subprocess} as vulnerable; so are LOW-severity issues (B603 "subprocess without shell", B607
 * "partial executable path"), which bandit itself rates as hints and which the secure way of running
 * a command triggers.
 */
public final class BanditOracle extends AnalyserOracle {
  static final Predicate<AnalyserFinding> COUNTS =
      f -> !f.rule().startsWith("B4") && f.severity() != Severity.LOW;

  public BanditOracle() {
    super(new Bandit(), COUNTS);
  }

  static List<Finding> parse(String json) throws java.io.IOException {
    return toFindings(Bandit.parse(json), COUNTS);
  }
}
