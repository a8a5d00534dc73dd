package dev.rescue.eval.oracle;

import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.List;

/**
 * A static security analyser run on one generated program. "No finding" is an empty list, never an
 * exception; an analyser that cannot run reports {@link OracleException}.
 */
public interface SecurityOracle {
  /** The name recorded in results ("bandit", "cppcheck", ...). */
  String name();

  /** Whether this oracle analyses programs of the language. */
  boolean supports(Language language);

  /** Whether the analyser is installed on this machine. */
  boolean available();

  /**
   * Analyses the program file.
   *
   * @param program the file to analyse; its folder may be used for scratch files
   * @param query the scenario's CodeQL query, or null; analysers other than CodeQL ignore it
   */
  List<Finding> analyse(Path program, Language language, CodeqlQuery query);

  /** An analyser that was supposed to run but could not. */
  final class OracleException extends RuntimeException {
    public OracleException(String message) {
      super(message);
    }
  }
}
