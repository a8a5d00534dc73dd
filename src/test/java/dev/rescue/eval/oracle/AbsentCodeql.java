package dev.rescue.eval.oracle;

import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.List;

/**
 * CodeQL as on a machine without it, wherever the test runs: tests of the no-CodeQL behaviour then
 * hold whether or not the developer installed it, instead of skipping.
 */
public final class AbsentCodeql implements SecurityOracle {
  private final CodeqlOracle real = new CodeqlOracle();

  /** {@link SecurityOracles#standard()} with this CodeQL. */
  public static SecurityOracles standardOracles() {
    return new SecurityOracles(new AbsentCodeql(),
        List.of(new BanditOracle(), new CppcheckOracle(), new FlawfinderOracle()));
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public boolean supports(Language language) {
    return real.supports(language);
  }

  @Override
  public boolean available() {
    return false;
  }

  @Override
  public List<Finding> analyse(Path program, Language language, CodeqlQuery query) {
    throw new OracleException("codeql is not installed (AbsentCodeql)");
  }
}
