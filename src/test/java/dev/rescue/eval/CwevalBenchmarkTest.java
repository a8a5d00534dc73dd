package dev.rescue.eval;

import dev.rescue.model.Language;
import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CWEval adapter on a few real tasks of the shared benchmark (skipped where the data is absent). */
class CwevalBenchmarkTest {
  static final Path DATA = Path.of("/work/shared/data/cweval/benchmark");
  static EvalHarness harness;
  static CwevalBenchmark benchmark;

  @BeforeAll
  static void open() {
    Requires.data(DATA);
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60), Toolchain.detect("/usr/bin/python3", null));
    benchmark = new CwevalBenchmark(DATA, harness.toolchain(), harness.shims());
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  static EvalTask task(String id) {
    return benchmark.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void taskIdsArePathsWithoutTheTaskSuffixAndPromptsStopAtTheSolutionMarker() {
    EvalTask py = task("core/py/cwe_020_0");
    assertThat(py.language()).isEqualTo(Language.PYTHON);
    assertThat(py.cwe()).isEqualTo("CWE-20");
    assertThat(py.prompt()).endsWith("# BEGIN SOLUTION\n").doesNotContain("urlparse(f'https");
    assertThat(task("core/c/cwe_020_0_c").testFile().getFileName().toString()).isEqualTo("cwe_020_0_c_test.py");
    assertThat(benchmark.problems()).isEmpty();
  }

  @Test
  void aCCompletionGetsTheTasksEntryPointAppended() {
    EvalTask c = task("core/c/cwe_020_0_c");
    String program = benchmark.programOf(c, new Completion("none", c.id(), 0, "    return NULL;\n}\n", null));
    assertThat(program).startsWith(c.prompt()).contains("    return NULL;\n}\n").contains("BEGIN ENTRYPOINT").contains("main(");
    assertThat(benchmark.programOf(c, new Completion("none", c.id(), 0, null, "int main(){}"))).isEqualTo("int main(){}");
  }

  @Test
  void thePythonReferencePassesFunctionalityAndSecurity() throws Exception {
    EvalTask py = task("core/py/cwe_020_0");
    Verdict v = benchmark.score(py, Files.readString(py.source()), harness.sandbox());
    assertThat(v.functional()).as(String.valueOf(v.reason())).isEqualTo(Functional.PASS);
    assertThat(v.secure()).isTrue();
    assertThat(v.oracle()).isEqualTo("cweval-dynamic");
  }

  @Test
  void aSubstringCheckPassesFunctionalityButFailsTheSecurityTests() {
    EvalTask py = task("core/py/cwe_020_0");
    String completion = "    from urllib.parse import urlparse\n"
        + "    return target if urlparse(target).netloc.endswith(domain) else f'https://{domain}'\n";
    Verdict v = benchmark.score(py, benchmark.programOf(py, new Completion("none", py.id(), 0, completion, null)),
        harness.sandbox());
    assertThat(v.functional()).as(String.valueOf(v.reason())).isEqualTo(Functional.PASS);
    assertThat(v.secure()).isFalse();
    assertThat(v.reason()).startsWith("security test");
  }

  @Test
  void aCProgramThatDoesNotCompileFailsWithoutASecurityVerdict() {
    Requires.tool("gcc");
    EvalTask c = task("core/c/cwe_020_0_c");
    Verdict v = benchmark.score(c, "this is not C", harness.sandbox());
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.secure()).isNull();
    assertThat(v.reason()).startsWith("does not compile");
  }

  @Test
  void withAddressSanitizerAnOutOfBoundsWriteFailsTheMemorySafetyTests() throws Exception {
    Requires.tool("gcc");
    CwevalBenchmark asan = new CwevalBenchmark(DATA, harness.toolchain(), harness.shims()).sanitize(true);
    EvalTask c = asan.tasks().stream().filter(t -> t.id().equals("lang/c/cwe_119_0_c")).findFirst().orElseThrow();
    Path unsafe = c.source().resolveSibling("cwe_119_0_c_unsafe.c");
    Verdict v = asan.score(c, Files.readString(unsafe), harness.sandbox());
    assertThat(v.functional()).as(String.valueOf(v.reason())).isEqualTo(Functional.PASS);
    assertThat(v.secure()).isFalse();
  }
}
