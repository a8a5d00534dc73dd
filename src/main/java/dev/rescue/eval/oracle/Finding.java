package dev.rescue.eval.oracle;

import java.util.List;

/**
 * One finding of a security analyser.
 *
 * @param tool the analyser ("bandit", "cppcheck", "flawfinder", "codeql")
 * @param rule the analyser's rule id (e.g. "B602", "strcpy")
 * @param cwes the CWE ids the rule maps to ("CWE-78"), normalised without leading zeros; may be empty
 * @param line 1-based line, or 0 when unknown
 */
public record Finding(String tool, String rule, List<String> cwes, int line, String message) {
  public Finding {
    if (tool == null || tool.isBlank()) throw new IllegalArgumentException("tool must not be blank");
    rule = rule == null ? "" : rule;
    cwes = cwes == null ? List.of() : cwes.stream().map(Finding::normaliseCwe).toList();
    message = message == null ? "" : message;
  }

  /** "CWE-022", "cwe_22" and "22" all become "CWE-22", so ids from different sources compare equal. */
  public static String normaliseCwe(String cwe) {
    String digits = cwe.replaceAll("[^0-9]", "");
    if (digits.isEmpty()) throw new IllegalArgumentException("not a CWE id: '" + cwe + "'");
    return "CWE-" + Integer.parseInt(digits);
  }

  /** Whether this finding maps to the given CWE (any spelling). */
  public boolean mapsTo(String cwe) {
    return cwe != null && cwes.contains(normaliseCwe(cwe));
  }
}
