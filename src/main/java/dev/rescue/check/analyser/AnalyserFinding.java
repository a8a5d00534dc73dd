package dev.rescue.check.analyser;

import dev.rescue.check.Severity;
import dev.rescue.model.CweIds;
import java.util.List;

/**
 * One finding of an analyser, as its report gives it.
 *
 * @param rule the analyser's rule id ({@code B602}, {@code strcpy})
 * @param cwes the CWE ids the rule maps to, normalised ({@code CWE-78}); may be empty
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param severity the analyser's own rating, mapped to ours
 * @param confidence the analyser's own confidence, in [0, 1]
 */
public record AnalyserFinding(String tool, String rule, List<String> cwes, int line, int column, Severity severity,
    double confidence, String message) {
  public AnalyserFinding {
    if (tool == null || tool.isBlank()) throw new IllegalArgumentException("tool must not be blank");
    rule = rule == null ? "" : rule;
    cwes = cwes == null ? List.of() : cwes.stream().map(CweIds::normalize).distinct().toList();
    severity = severity == null ? Severity.MEDIUM : severity;
    confidence = Math.max(0, Math.min(1, confidence));
    message = message == null ? "" : message;
  }
}
