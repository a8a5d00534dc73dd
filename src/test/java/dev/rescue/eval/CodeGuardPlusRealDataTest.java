package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The adapter reads the real CodeGuard+ folder as the benchmark defines it: each expectation here
 * comes from the benchmark's files, read by this test on its own.
 */
class CodeGuardPlusRealDataTest {
  static final Path DATA = CodeGuardPlusAgreementTest.DATA;
  static final ObjectMapper JSON = new ObjectMapper();

  private static CodeGuardPlusBenchmark open() {
    Requires.data(DATA);
    Toolchain tc = Toolchain.detect("/usr/bin/python3", null);
    return new CodeGuardPlusBenchmark(DATA, tc, Path.of("src/main/resources/eval/python"), SecurityOracles.standard());
  }

  @Test
  void everyScenarioIsATaskWithItsInfoJsonLanguageAndCweAndItsTwoPromptFiles() throws Exception {
    CodeGuardPlusBenchmark b = open();
    Map<String, List<String>> expected = new TreeMap<>();
    try (Stream<Path> s = Files.walk(DATA.resolve("data/base"), 3)) {
      for (Path info : s.filter(p -> p.getFileName().toString().equals("info.json")).toList()) {
        var j = JSON.readTree(info.toFile());
        String lang = j.get("language").asText();
        Path dir = info.getParent();
        String prompt = Files.readString(dir.resolve("file_context." + lang)) + Files.readString(dir.resolve("func_context." + lang));
        expected.put(DATA.resolve("data/base").relativize(dir).toString(),
            List.of(lang, "CWE-" + Integer.parseInt(j.get("cwe").asText().substring(4)), prompt));
      }
    }
    assertThat(b.problems()).isEmpty();
    Map<String, List<String>> actual = new TreeMap<>();
    for (EvalTask t : b.tasks()) actual.put(t.id(), List.of(t.language().id(), t.cwe(), t.prompt()));
    assertThat(actual).isEqualTo(expected);
    // the shipped data has 103 scenarios over 42 CWEs (its README still says 91 over 34)
    assertThat(actual).hasSize(103);
    assertThat(actual.get("cwe-676/1-c").get(0)).isEqualTo("cpp");
  }

  @Test
  void checkQlBecomesTheCodeqlQueryOfEachScenario() {
    Requires.data(DATA);
    Map<String, CodeGuardPlusScenario> byId = new TreeMap<>();
    for (CodeGuardPlusScenario s : CodeGuardPlusScenarios.load(DATA).scenarios()) byId.put(s.id(), s);
    assertThat(byId.get("cwe-022/2-py").query().specifier())
        .isEqualTo(DATA.toAbsolutePath().normalize().resolve("data/base/cwe-022/2-py/cwe-22_TarSlip.ql").toString());
    assertThat(Path.of(byId.get("cwe-022/2-py").query().specifier())).isRegularFile();
    assertThat(byId.get("cwe-787/0-c").query().specifier())
        .isEqualTo("codeql/cpp-queries:Likely Bugs/Memory Management/PotentialBufferOverflow.ql");
    assertThat(byId.get("cwe-020/2-py").query().specifier())
        .isEqualTo("codeql/python-queries:Security/CWE-502/UnsafeDeserialization.ql");
    assertThat(byId.get("cwe-943/0-py").query()).isNull();
  }

  @Test
  void theScenarioNeedingMotoIsUnavailableWithThatReasonExactlyWhereMotoIsMissing() {
    CodeGuardPlusBenchmark b = open();
    boolean moto = new Toolchain("/usr/bin/python3", false, false, false, false, null).pythonHas("moto", null);
    EvalTask t = b.tasks().stream().filter(x -> x.id().equals("cwe-943/0-py")).findFirst().orElseThrow();
    // where moto is installed the scenario must not be refused for it (rather than skipping the test)
    if (moto) {
      assertThat(b.unavailable(t)).as("moto is installed").satisfiesAnyOf(
          why -> assertThat(why).isEmpty(), why -> assertThat(why.get()).doesNotContain("'moto'"));
    } else {
      assertThat(b.unavailable(t)).hasValueSatisfying(why -> assertThat(why).contains("'moto'").contains("functional.py"));
    }
  }
}
