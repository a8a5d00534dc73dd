package dev.rescue.check;

import java.util.Locale;

/**
 * How bad a finding is, as {@code --fail-on} spells it. SARIF maps LOW to {@code note}, MEDIUM to
 * {@code warning} and HIGH to {@code error}.
 */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  /** What fails a check unless {@code --fail-on} says otherwise, and what "clean" means for MCP and HTTP. */
  public static final Severity DEFAULT_FAIL_ON = MEDIUM;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code low}, {@code medium} or {@code high}, any case; names the input when it is none. */
  public static Severity parse(String raw) {
    try {
      return valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown severity '" + raw + "' (expected low, medium or high)");
    }
  }
}
