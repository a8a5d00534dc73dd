package dev.rescue.eval.oracle;

import dev.rescue.check.analyser.Flawfinder;

/** Flawfinder (C/C++), see {@link Flawfinder}: every finding counts (the verdict keeps those of the scenario's CWE). */
public final class FlawfinderOracle extends AnalyserOracle {
  public FlawfinderOracle() {
    super(new Flawfinder(), f -> true);
  }
}
