package dev.rescue.check;

import java.util.Objects;

/**
 * One weakness found in code.
 *
 * @param cwe normalised CWE id ({@code CWE-78})
 * @param tool what found it: {@code kb} for the knowledge base's own rules, else the analyser's name
 * @param ruleId the tool's own rule id ({@code B602}, {@code kb.risky-api}), for SARIF
 * @param confidence in [0, 1]
 */
public record Finding(
    String cwe,
    Location location,
    String tool,
    String ruleId,
    Severity severity,
    double confidence,
    String message,
    Guidance guidance) {
  public Finding {
    Objects.requireNonNull(cwe, "cwe");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(severity, "severity");
    ruleId = Objects.requireNonNullElse(ruleId, "");
    message = Objects.requireNonNullElse(message, "");
    guidance = guidance == null ? Guidance.none() : guidance;
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
    }
  }
}
