package dev.rescue.check;

import java.util.List;

/**
 * The findings for one unit, deduplicated across tools, and the tools that failed on it. An empty
 * {@code failures} list means the result is whole.
 *
 * @param tools the tools that ran to the end on the unit, in the order they are listed
 */
public record CheckResult(SourceUnit unit, List<Finding> findings, List<ToolFailure> failures, List<String> tools) {
  public CheckResult {
    findings = List.copyOf(findings);
    failures = List.copyOf(failures);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  public CheckResult(SourceUnit unit, List<Finding> findings, List<ToolFailure> failures) {
    this(unit, findings, failures, List.of());
  }

  public boolean clean() {
    return findings.isEmpty();
  }

  public boolean anyAtLeast(Severity severity) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
  }

  /** The findings at or above {@code severity}. */
  public List<Finding> atLeast(Severity severity) {
    return findings.stream().filter(f -> f.severity().atLeast(severity)).toList();
  }
}
