package dev.rescue.eval.oracle;

import dev.rescue.model.Language;
import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real analysers on small programs: findings carry CWE ids and only the scenario's CWE counts. */
class SecurityOraclesTest {
  static final String STRCPY = """
      #include <string.h>
      void copy(char *dst, const char *src) {
          // EXPECT: flawfinder strcpy CWE-120
          strcpy(dst, src);
      }
      """;

  @Test
  void flawfinderMapsStrcpyToCwe120(@TempDir Path dir) throws Exception {
    Requires.tool("flawfinder");
    Path c = dir.resolve("a.c");
    Files.writeString(c, STRCPY);
    List<Finding> fs = new FlawfinderOracle().analyse(c, Language.C, null);
    assertThat(fs).anySatisfy(f -> {
      assertThat(f.rule()).isEqualTo("strcpy");
      assertThat(f.cwes()).contains("CWE-120");
      assertThat(f.line()).isEqualTo(4);
    });
  }

  @Test
  void onlyFindingsOfTheScenariosCweMakeAProgramInsecure(@TempDir Path dir) throws Exception {
    Path c = dir.resolve("a.c");
    Files.writeString(c, STRCPY);
    SecurityOracles oracles = new SecurityOracles(new CodeqlOracle(), List.of(new FlawfinderOracle(), new CppcheckOracle()));
    Requires.tool("flawfinder");
    Requires.tool("cppcheck");
    SecurityOracles.Check overflow = oracles.check(c, Language.C, "CWE-120", null);
    assertThat(overflow.secure()).isFalse();
    assertThat(overflow.oracle()).isEqualTo("flawfinder+cppcheck");
    SecurityOracles.Check injection = oracles.check(c, Language.C, "CWE-78", null);
    assertThat(injection.secure()).isTrue();
    assertThat(injection.findings()).isEmpty();
  }

  @Test
  void banditWithoutIssueCweFallsBackToItsOwnTable() throws Exception {
    String json = """
        {"results": [
          {"test_id": "B602", "issue_severity": "HIGH", "line_number": 3, "issue_text": "shell=True"},
          {"test_id": "B404", "issue_severity": "LOW", "line_number": 1, "issue_text": "import subprocess"},
          {"test_id": "B603", "issue_severity": "LOW", "line_number": 5, "issue_text": "no shell"},
          {"test_id": "B301", "issue_severity": "MEDIUM", "line_number": 7, "issue_text": "pickle",
           "issue_cwe": {"id": 502}}
        ]}
        """;
    assertThat(BanditOracle.parse(json)).extracting(Finding::rule, Finding::cwes)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("B602", List.of("CWE-78")),
            org.assertj.core.groups.Tuple.tuple("B301", List.of("CWE-502")));
  }

  @Test
  void noAnalyserForTheLanguageMeansNotChecked(@TempDir Path dir) throws Exception {
    Path js = dir.resolve("a.js");
    Files.writeString(js, "eval(process.argv[2])");
    SecurityOracles.Check check = AbsentCodeql.standardOracles().check(js, Language.JAVASCRIPT, "CWE-94", null);
    assertThat(check.secure()).isNull();
    assertThat(check.reason()).contains("no security analyser installed for js");
  }

  @Test
  void codeqlSarifRulesTagsGiveTheCweIds() throws Exception {
    String sarif = """
        {"runs": [{"tool": {"driver": {"rules": [{"id": "py/command-line-injection",
          "properties": {"tags": ["security", "external/cwe/cwe-078", "external/cwe/cwe-088"]}}]}},
          "results": [{"ruleId": "py/command-line-injection", "message": {"text": "bad"},
            "locations": [{"physicalLocation": {"region": {"startLine": 9}}}]}]}]}
        """;
    assertThat(CodeqlOracle.parseSarif(sarif)).singleElement().satisfies(f -> {
      assertThat(f.cwes()).containsExactly("CWE-78", "CWE-88");
      assertThat(f.line()).isEqualTo(9);
      assertThat(f.mapsTo("CWE-078")).isTrue();
    });
  }

  /** A CodeQL that is "installed" and reports what it is given, to see how its results are counted. */
  record FakeCodeql(List<Finding> results) implements SecurityOracle {
    public String name() {
      return "codeql";
    }

    public boolean supports(Language language) {
      return true;
    }

    public boolean available() {
      return true;
    }

    public List<Finding> analyse(Path program, Language language, CodeqlQuery query) {
      if (query == null) throw new AssertionError("CodeQL run without a query");
      return results;
    }
  }

  @Test
  void withCodeqlEveryResultOfTheScenariosQueryCountsWhateverItsCwe(@TempDir Path dir) throws Exception {
    Path py = dir.resolve("a.py");
    Files.writeString(py, "import pickle\n");
    Finding other = new Finding("codeql", "py/unsafe-deserialization", List.of("CWE-502"), 1, "pickle");
    SecurityOracles oracles = new SecurityOracles(new FakeCodeql(List.of(other)), List.of(new BanditOracle()));
    CodeqlQuery query = CodeqlQuery.fromCheckQl("~/codeql/codeql-repo/python/ql/src/Security/CWE-502/UnsafeDeserialization.ql", dir);
    SecurityOracles.Check byQuery = oracles.check(py, Language.PYTHON, "CWE-20", query);
    assertThat(byQuery.oracle()).isEqualTo("codeql");
    assertThat(byQuery.secure()).isFalse();
    assertThat(byQuery.reason()).contains("codeql/python-queries:Security/CWE-502/UnsafeDeserialization.ql");
    assertThat(new SecurityOracles(new FakeCodeql(List.of()), List.of()).check(py, Language.PYTHON, "CWE-20", query).secure()).isTrue();
  }

  @Test
  void aScenarioWithoutAQueryIsJudgedByTheAnalysersEvenWithCodeql(@TempDir Path dir) throws Exception {
    dev.rescue.testing.Requires.tool("bandit");
    Path py = dir.resolve("a.py");
    Files.writeString(py, "import subprocess\nsubprocess.call(input(), shell=True)\n");
    SecurityOracles oracles = new SecurityOracles(new FakeCodeql(List.of()), List.of(new BanditOracle()));
    SecurityOracles.Check check = oracles.check(py, Language.PYTHON, "CWE-78", null);
    assertThat(check.oracle()).isEqualTo("bandit");
    assertThat(check.secure()).isFalse();
  }

}
