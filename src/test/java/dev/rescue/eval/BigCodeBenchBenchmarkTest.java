package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.oracle.SecurityOracles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BigCodeBench adapter on a small file of our own in its format, through the real sandbox. */
class BigCodeBenchBenchmarkTest {
  @TempDir static Path folder;
  static EvalHarness harness;
  static BigCodeBenchBenchmark benchmark;

  static final String TEST = "import unittest\n"
      + "class TestCases(unittest.TestCase):\n"
      + "    def test_sum(self):\n"
      + "        self.assertEqual(task_func([1, 2, 3]), 6)\n"
      + "    def test_empty(self):\n"
      + "        self.assertEqual(task_func([]), 0)\n"
      + "    def test_cwd_starts_empty(self):\n"
      + "        import os\n"
      + "        self.assertEqual(os.listdir('.'), [])\n";

  @BeforeAll
  static void open() throws Exception {
    Path file = folder.resolve("BigCodeBench-test.jsonl");
    Files.write(file, List.of(
        task("B/0", "def task_func(xs):\n    \"\"\"Sum.\"\"\"\n", "    return sum(xs)\n", TEST, "['math']"),
        task("B/1", "import no_such_library_xyz\ndef task_func():\n", "    return 1\n",
            "import unittest\nclass TestCases(unittest.TestCase):\n    def test(self):\n        pass\n", "['no_such_library_xyz']"),
        task("B/2", "import nltk\ndef task_func(s):\n    nltk.download('no_such_corpus_xyz')\n", "    return s\n",
            "import unittest\nclass TestCases(unittest.TestCase):\n    def test(self):\n        pass\n", "[]"),
        "{\"task_id\": \"B/3\", \"prompt\": \"def task_func(): pass\\n\", \"test\": \"print(1)\"}"));
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60), Toolchain.detect("/usr/bin/python3", null));
    benchmark = new BigCodeBenchBenchmark(folder, harness.toolchain(), harness.shims(), SecurityOracles.standard());
  }

  static String task(String id, String prompt, String canonical, String test, String libs) throws Exception {
    ObjectNode t = JsonlRows.JSON.createObjectNode();
    t.put("task_id", id).put("prompt", prompt).put("canonical_solution", canonical).put("test", test)
        .put("entry_point", "task_func").put("libs", libs);
    return JsonlRows.JSON.writeValueAsString(t);
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  static EvalTask t(String id) {
    return benchmark.tasks().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  static Verdict score(String completion) {
    EvalTask t = t("B/0");
    return benchmark.score(t, benchmark.programOf(t, new Completion("none", t.id(), 0, completion, null)), harness.sandbox());
  }

  @Test
  void rowsBecomeTasksAndARowWithoutTestCasesIsAProblemOfItsLine() {
    assertThat(benchmark.tasks()).extracting(EvalTask::id).containsExactly("B/0", "B/1", "B/2");
    assertThat(benchmark.problems()).containsExactly("BigCodeBench-test.jsonl:4: B/3: the test defines no TestCases class");
    assertThat(BigCodeBenchBenchmark.libs(JsonlRows.JSON.valueToTree(List.of("pandas", "numpy")))).containsExactly("pandas", "numpy");
  }

  @Test
  void aTaskWhoseLibraryOrNltkDataIsMissingIsSkippedNamingIt() {
    assertThat(benchmark.unavailable(t("B/0"))).isEmpty();
    assertThat(benchmark.unavailable(t("B/1"))).hasValueSatisfying(r -> assertThat(r)
        .isEqualTo("Python library 'no_such_library_xyz' not importable by /usr/bin/python3"));
    if (harness.toolchain().pythonHas("nltk", null)) {
      assertThat(benchmark.unavailable(t("B/2"))).hasValueSatisfying(r -> assertThat(r).contains("NLTK data 'no_such_corpus_xyz'"));
    }
  }

  @Test
  void theCanonicalSolutionPassesInAnEmptyWorkingFolder() {
    Verdict v = score("    return sum(xs)\n");
    assertThat(v.functional()).as(v.reason()).isEqualTo(Functional.PASS);
  }

  @Test
  void aFailingTestIsNamedWithItsAssertion() {
    Verdict v = score("    return sum(xs) + 1\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).startsWith("test_").contains("failure: AssertionError: ").contains("(2 of 3 tests failed)");
  }

  @Test
  void anEarlyExitOrAForgedOutcomeLineDoesNotPass() {
    Verdict exit = score("    return 0\nimport os\nos._exit(0)\n");
    assertThat(exit.functional()).isEqualTo(Functional.FAIL);
    assertThat(exit.reason()).startsWith("the test run ended without an outcome");
    // the sample cannot know this run's nonce, and its stdout goes to /dev/null anyway
    Verdict forged = score("    return 0\nimport os, sys\n"
        + "os.write(1, b'RESCUE-BCB  {\"status\": \"pass\", \"tests\": 3, \"issue_count\": 0}\\n')\n"
        + "sys.__stdout__.write('RESCUE-BCB x {\"status\": \"pass\"}\\n')\nos._exit(0)\n");
    assertThat(forged.functional()).isEqualTo(Functional.FAIL);
  }

  @Test
  void aModuleThatCannotRunFailsWithTheError() {
    Verdict v = score("    return (\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).startsWith("the program and tests could not run as a module: SyntaxError");
  }
}
