package dev.rescue.eval.oracle;

import dev.rescue.check.analyser.Analyser;
import dev.rescue.check.analyser.AnalyserException;
import dev.rescue.check.analyser.AnalyserFinding;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The harness's view of one of the analysers {@code rescue check} runs too ({@link Analyser}): which
 * of its findings count for a verdict, and its failures as {@link OracleException}.
 */
abstract class AnalyserOracle implements SecurityOracle {
  /** How long the harness gives a general analyser on one program. */
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final Analyser analyser;
  private final Predicate<AnalyserFinding> counts;

  AnalyserOracle(Analyser analyser, Predicate<AnalyserFinding> counts) {
    this.analyser = analyser;
    this.counts = counts;
  }

  @Override
  public String name() {
    return analyser.name();
  }

  @Override
  public boolean supports(Language language) {
    return analyser.supports(language);
  }

  @Override
  public boolean available() {
    return analyser.available();
  }

  @Override
  public List<Finding> analyse(Path program, Language language, CodeqlQuery query) {
    try {
      return toFindings(analyser.analyse(program, language, TIMEOUT), counts);
    } catch (AnalyserException e) {
      throw new OracleException(e.getMessage());
    }
  }

  static List<Finding> toFindings(List<AnalyserFinding> all, Predicate<AnalyserFinding> counts) {
    return all.stream().filter(counts)
        .map(f -> new Finding(f.tool(), f.rule(), f.cwes(), f.line(), f.message())).toList();
  }
}
