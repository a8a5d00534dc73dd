package dev.rescue.check.analyser;

import dev.rescue.model.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A static analyser installed on this machine, run as a process on one file: the one home for
 * running bandit, cppcheck, flawfinder and CodeQL and reading their reports, used by
 * {@code rescue check} and by the evaluation harness's oracles. Analysers read code, they never
 * execute it.
 */
public interface Analyser {
  /** The name findings carry ({@code bandit}, {@code cppcheck}, ...). */
  String name();

  boolean supports(Language language);

  /** Whether its command is on the PATH. */
  boolean available();

  /** Whether a missing install is normal (CodeQL is not packaged) rather than a partial check. */
  default boolean optional() {
    return false;
  }

  /** Whether a finding's rule is the name of the call it flags, judged by that name alone (flawfinder's). */
  default boolean judgesCallsByName() {
    return false;
  }

  /**
   * Analyses one file with the analyser's general rules. "No finding" is an empty list.
   *
   * @param program the file; its folder may be used for scratch files
   * @throws AnalyserException when the analyser cannot run, crashes, gives no report or times out
   */
  List<AnalyserFinding> analyse(Path program, Language language, Duration timeout);
}
