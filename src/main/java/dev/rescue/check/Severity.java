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
