package dev.rescue.repair;

import dev.rescue.check.CheckResult;
import dev.rescue.check.CodeChecker;
import dev.rescue.check.Finding;
import dev.rescue.check.Guidance;
import dev.rescue.check.Location;
import dev.rescue.check.Severity;
import dev.rescue.check.ToolFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkers for the loop's tests, standing in for {@code rescue check}: each flags lines by a marker,
 * so a test's candidates say in their own text what the check will find.
 */
final class FakeCheckers {
  static final String GUIDELINE_78 = "Never pass user input to a shell; call subprocess.run with an argument list.";
  static final String EXAMPLE_78 = "subprocess.run([\"ls\", path], check=True)";
  static final String GUIDELINE_328 = "Use SHA-256 or stronger, never MD5, for integrity.";

  private FakeCheckers() {}

  /** {@code shell=True}: CWE-78, high; {@code md5}: CWE-328, low; {@code eval(}: CWE-95, medium, no guidance. */
  static CodeChecker markers() {
    return unit -> {
      List<Finding> out = new ArrayList<>();
      String[] lines = unit.code().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        int at = line.indexOf("shell=True");
        if (at >= 0) {
          out.add(new Finding("CWE-78", new Location(unit.file(), i + 1, at + 1), "bandit", "B602", Severity.HIGH, 0.9,
              "subprocess call with shell=True", new Guidance(GUIDELINE_78, EXAMPLE_78)));
        }
        at = line.indexOf("md5");
        if (at >= 0) {
          out.add(new Finding("CWE-328", new Location(unit.file(), i + 1, at + 1), "kb", "kb.risky-api", Severity.LOW, 0.6,
              "weak hash md5", new Guidance(GUIDELINE_328, "")));
        }
        at = line.indexOf("eval(");
        if (at >= 0) {
          out.add(new Finding("CWE-95", new Location(unit.file(), i + 1, at + 1), "kb", "kb.risky-api", Severity.MEDIUM,
              0.7, "eval of a string", Guidance.none()));
        }
      }
      return new CheckResult(unit, out, List.of());
    };
  }

  /** As {@link #markers()}, but a candidate holding {@code CRASH} makes bandit fail on it. */
  static CodeChecker failingOn(String marker) {
    CodeChecker inner = markers();
    return unit -> {
      if (!unit.code().contains(marker)) return inner.check(unit);
      return new CheckResult(unit, List.of(), List.of(new ToolFailure("bandit", "exit 2: syntax error")));
    };
  }
}
