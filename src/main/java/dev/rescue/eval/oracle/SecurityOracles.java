package dev.rescue.eval.oracle;

import dev.rescue.model.Language;
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

  /** Whether CodeQL would judge a program of this language with this query here. */
  public boolean usesCodeql(Language language, CodeqlQuery query) {
    return query != null && codeql.available() && codeql.supports(language);
  }

  /**
   * Checks one program for one CWE: CodeQL with the scenario's query when both exist, otherwise every
   * installed analyser for the language. Every result of the scenario's CodeQL query makes the program
   * vulnerable, as in the benchmark's codeql_eval.py: the query was chosen for the scenario (some
   * scenarios check another CWE's query, e.g. CWE-020 with UnsafeDeserialization, and the benchmark's
   * own queries carry no CWE tags). The general analysers' findings count only when mapped to {@code cwe}.
   *
   * @return secure null (with a reason) when no oracle could check the program
   */
  public Check check(Path program, Language language, String cwe, CodeqlQuery query) {
    List<SecurityOracle> chosen = new ArrayList<>();
    boolean byQuery = usesCodeql(language, query);
    if (byQuery) {
      chosen.add(codeql);
    } else {
      for (SecurityOracle o : analysers) if (o.supports(language) && o.available()) chosen.add(o);
    }
    if (chosen.isEmpty()) return new Check("none", List.of(), null, "no security analyser installed for " + language.id());
    List<Finding> relevant = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SecurityOracle o : chosen) {
      try {
        for (Finding f : o.analyse(program, language, query)) if (byQuery || cwe == null || f.mapsTo(cwe)) relevant.add(f);
        names.add(o.name());
      } catch (SecurityOracle.OracleException e) {
        return new Check(o.name(), relevant, null, e.getMessage());
      }
    }
    return new Check(String.join("+", names), relevant, relevant.isEmpty(), relevant.isEmpty() ? null
        : byQuery ? relevant.size() + " result(s) of " + query.specifier() : relevant.size() + " finding(s) for " + cwe);
  }
}
