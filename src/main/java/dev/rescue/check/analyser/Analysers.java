package dev.rescue.check.analyser;

import java.util.List;

/** The analysers this build knows, listed in one place. */
public final class Analysers {
  private Analysers() {}

  public static List<Analyser> all() {
    return List.of(new Bandit(), new Cppcheck(), new Flawfinder(), new Codeql());
  }
}
