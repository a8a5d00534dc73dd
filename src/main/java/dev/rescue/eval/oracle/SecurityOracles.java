package dev.rescue.eval.oracle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The oracles, listed in one place, and the choice among them for one program. */
public final class SecurityOracles {
  private final SecurityOracle codeql;
  private final List<SecurityOracle> analysers;

  public SecurityOracles(SecurityOracle codeql, List<SecurityOracle> analysers) {
    this.codeql = codeql;
    this.analysers = List.copyOf(analysers);
  }

  /** CodeQL when installed, otherwise bandit, cppcheck and flawfinder. */
  public static SecurityOracles standard() {
    return new SecurityOracles(new CodeqlOracle(),
        List.of(new BanditOracle(), new CppcheckOracle(), new FlawfinderOracle()));
  }

  /** The outcome of the static check of one program. */
  public record Check(String oracle, List<Finding> findings, Boolean secure, String reason) {}

  /**
   * Checks one program for one CWE: CodeQL with the scenario's query when both exist, otherwise every
   * installed analyser for the language, keeping only findings mapped to {@code cwe}.
   *
   * @return secure null (with a reason) when no oracle could check the program
   */
  public Check check(Path program, String language, String cwe, Path query) {
    List<SecurityOracle> chosen = new ArrayList<>();
    if (query != null && codeql.available() && codeql.supports(language)) {
      chosen.add(codeql);
    } else {
      for (SecurityOracle o : analysers) if (o.supports(language) && o.available()) chosen.add(o);
    }
    if (chosen.isEmpty()) return new Check("none", List.of(), null, "no security analyser installed for " + language);
    List<Finding> relevant = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SecurityOracle o : chosen) {
      try {
        for (Finding f : o.analyse(program, language, query)) if (cwe == null || f.mapsTo(cwe)) relevant.add(f);
        names.add(o.name());
      } catch (SecurityOracle.OracleException e) {
        return new Check(o.name(), relevant, null, e.getMessage());
      }
    }
    return new Check(String.join("+", names), relevant, relevant.isEmpty(), relevant.isEmpty() ? null
        : relevant.size() + " finding(s) for " + cwe);
  }
}
