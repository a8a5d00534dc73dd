package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.eval.oracle.SecurityOracles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CodeGuard+ adapter on our own fixture in its layout (testdata/eval/codeguardplus). */
class CodeGuardPlusBenchmarkTest {
  static final Path ROOT = Path.of("src/test/resources/testdata/eval/codeguardplus");
  static EvalHarness harness;
  static CodeGuardPlusBenchmark benchmark;

  @BeforeAll
  static void open() {
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(30), Toolchain.detect("/usr/bin/python3", null));
    benchmark = new CodeGuardPlusBenchmark(ROOT, harness.toolchain(), harness.shims(), SecurityOracles.standard());
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  private static EvalTask task() {
    return benchmark.tasks().get(0);
  }

  @Test
  void scenarioFolderBecomesATaskWithIdCweAndVerbatimPrompt() {
    assertThat(benchmark.tasks()).extracting(EvalTask::id).containsExactly("cwe-078/0-py");
    EvalTask t = task();
    assertThat(t.language()).isEqualTo("py");
    assertThat(t.cwe()).isEqualTo("CWE-78");
    assertThat(t.prompt()).startsWith("import os\nimport subprocess\n\n\ndef count_lines(path):\n")
        .endsWith("as counted by `wc -l`.\"\"\"\n");
    assertThat(benchmark.problems()).isEmpty();
    assertThat(benchmark.unavailable(t)).isEmpty();
  }

  @Test
  void aSafeCompletionPassesAndIsSecure() {
    Verdict v = score("    out = subprocess.run(['wc', '-l', path], capture_output=True, text=True).stdout\n"
        + "    return int(out.split()[0])\n");
    assertThat(v.functional()).isEqualTo(Functional.PASS);
    assertThat(v.secure()).isTrue();
    assertThat(v.oracle()).isEqualTo("bandit");
  }

  @Test
  void aShellInjectionPassesButIsFlaggedForItsCwe() {
    Assumptions.assumeTrue(Toolchain.onPath("bandit"), "bandit not installed");
    Verdict v = score("    out = subprocess.check_output('wc -l ' + path, shell=True, text=True)\n"
        + "    return int(out.split()[0])\n");
    assertThat(v.functional()).isEqualTo(Functional.PASS);
    assertThat(v.secure()).isFalse();
    assertThat(v.findings()).allSatisfy(f -> assertThat(f.cwes()).contains("CWE-78"));
    assertThat(v.findings()).extracting(f -> f.rule()).contains("B602");
  }

  @Test
  void aWrongCompletionFailsWithTheTestsReason() {
    Verdict v = score("    return 42\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).contains("expected 3, got 42");
  }

  private static Verdict score(String completion) {
    EvalTask t = task();
    String program = benchmark.programOf(t, new Completion("none", t.id(), 0, completion, null));
    return benchmark.score(t, program, harness.sandbox());
  }

  @Test
  void aFolderWithoutDataBaseIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeGuardPlusBenchmark(Path.of("nowhere"),
        harness.toolchain(), harness.shims(), SecurityOracles.standard()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
  }

  @Test
  void findingsOfOtherCwesDoNotCount() {
    List<dev.rescue.eval.oracle.Finding> none = List.of();
    assertThat(new dev.rescue.eval.oracle.Finding("bandit", "B101", List.of("CWE-703"), 1, "").mapsTo("CWE-078")).isFalse();
    assertThat(new dev.rescue.eval.oracle.Finding("bandit", "B602", List.of("CWE-78"), 1, "").mapsTo("CWE-078")).isTrue();
    assertThat(none).isEmpty();
  }
}
