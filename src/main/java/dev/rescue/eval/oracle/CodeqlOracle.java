package dev.rescue.eval.oracle;

import dev.rescue.check.analyser.AnalyserException;
import dev.rescue.check.analyser.Codeql;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * CodeQL ({@link Codeql}) with the scenario's query ({@link CodeqlQuery}); CWE ids come from the
 * rules' {@code external/cwe/cwe-NNN} tags (the benchmark's own queries may have none: every result
 * of the scenario's query counts, see {@link SecurityOracles}).
 */
public final class CodeqlOracle implements SecurityOracle {
  /** Database creation and analysis may each take this long. */
  private static final Duration TIMEOUT = Duration.ofSeconds(600);
  private final Codeql codeql = new Codeql();

  @Override
  public String name() {
    return "codeql";
  }

  @Override
  public boolean supports(Language language) {
    return codeql.supports(language);
  }

  @Override
  public boolean available() {
    return codeql.available();
  }

  @Override
  public List<Finding> analyse(Path program, Language language, CodeqlQuery query) {
    if (query == null) throw new OracleException("codeql needs a query (check_ql) for " + program.getFileName());
    try {
      return AnalyserOracle.toFindings(codeql.analyse(program, language, query.specifier(), TIMEOUT), f -> true);
    } catch (AnalyserException e) {
      throw new OracleException(e.getMessage() + " (check_ql " + query.checkQl() + ")");
    }
  }

  static List<Finding> parseSarif(String text) throws java.io.IOException {
    return AnalyserOracle.toFindings(Codeql.parseSarif(text), f -> true);
  }
}
