package dev.rescue.eval.oracle;

import dev.rescue.check.analyser.Cppcheck;

/** Cppcheck (C/C++), see {@link Cppcheck}: every finding counts (the verdict keeps those of the scenario's CWE). */
public final class CppcheckOracle extends AnalyserOracle {
  public CppcheckOracle() {
    super(new Cppcheck(), f -> true);
  }
}
