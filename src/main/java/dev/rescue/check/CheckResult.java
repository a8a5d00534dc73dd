package dev.rescue.check;

import java.util.List;

/**
 * The findings for one unit, deduplicated across tools, and the tools that failed on it. An empty
 * {@code failures} list means the result is whole.
 */
public record CheckResult(SourceUnit unit, List<Finding> findings, List<ToolFailure> failures) {
  public CheckResult {
    findings = List.copyOf(findings);
    failures = List.copyOf(failures);
  }

  public boolean clean() {
    return findings.isEmpty();
  }

  public boolean anyAtLeast(Severity severity) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
  }
}
