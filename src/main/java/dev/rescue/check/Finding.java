package dev.rescue.check;

import java.util.List;
import java.util.Objects;

/**
 * One weakness found in code.
 *
 * @param cwe normalised CWE id ({@code CWE-78})
 * @param tool what found it: {@code kb} for the knowledge base's own rules, else the analyser's name;
 *     after deduplication the strongest of {@code tools}
 * @param ruleId the tool's own rule id ({@code B602}, {@code kb.risky-api}), for SARIF
 * @param confidence in [0, 1]
 * @param tools every tool that found this weakness here (same CWE, same line), {@code tool} first
 */
public record Finding(
    String cwe,
    Location location,
    String tool,
    String ruleId,
    Severity severity,
    double confidence,
    String message,
    Guidance guidance,
    List<String> tools) {
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
    tools = tools == null || tools.isEmpty() ? List.of(tool) : List.copyOf(tools);
    if (!tools.get(0).equals(tool)) throw new IllegalArgumentException("tools must start with tool " + tool);
  }

  /** A finding of one tool. */
  public Finding(String cwe, Location location, String tool, String ruleId, Severity severity, double confidence,
      String message, Guidance guidance) {
    this(cwe, location, tool, ruleId, severity, confidence, message, guidance, List.of(tool));
  }

  public Finding withGuidance(Guidance g) {
    return new Finding(cwe, location, tool, ruleId, severity, confidence, message, g, tools);
  }

  public Finding withTools(List<String> all) {
    return new Finding(cwe, location, tool, ruleId, severity, confidence, message, guidance, all);
  }
}
