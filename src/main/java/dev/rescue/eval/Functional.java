package dev.rescue.eval;

import java.util.Locale;

/** The functional outcome of one sample. */
public enum Functional {
  /** Every functionality test passed. */
  PASS,
  /** A test failed, or the program did not build or timed out: the sample's fault. */
  FAIL,
  /**
   * The harness could not judge the sample (its tests could not run, or it could not be generated):
   * neither a pass nor a fail. Left out of every denominator, counted and listed with its reason,
   * and retried by a rerun.
   */
  ERROR;

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Functional fromJson(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
