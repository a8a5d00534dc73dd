package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HumanEval+ adapter on a small file of our own in evalplus's format, through the real sandbox. */
class HumanEvalPlusBenchmarkTest {
  @TempDir static Path folder;
  static EvalHarness harness;
  static HumanEvalPlusBenchmark benchmark;

  @BeforeAll
  static void open() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(task("T/0", "def add(a, b):\n", "add", "    return a + b\n", "[[1, 2]]", "[[3, 4], [10, -3]]", 0));
    lines.add(task("T/1", "def mean(xs):\n", "mean", "    return sum(xs) / len(xs)\n", "[[[1.0, 2.0]]]",
        "[[[0.1, 0.2, 0.3]]]", 0));
    lines.add(task("T/2", "def pair(a):\n", "pair", "    return (a, a)\n", "[[1]]", "[[2]]", 0));
    lines.add(task("T/3", "def big(n):\n", "big", "    return 'ab' * n\n", "[[5]]", "[[100000]]", 0));
    lines.add(task("T/4", "def find_zero(xs):\n", "find_zero",
        "    return 1.0\n", "[[[-1.0, 1.0]]]", "[[[2.0, -3.0, 1.0]]]", 1e-4));
    lines.add("{\"task_id\": \"T/5\", \"prompt\": \"def f():\\n\"}");
    lines.add("not json");
    Path file = folder.resolve("HumanEvalPlus-test.jsonl");
    Files.write(file, lines);
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60), Toolchain.detect("/usr/bin/python3", null));
    benchmark = new HumanEvalPlusBenchmark(folder, harness.toolchain(), harness.shims(), SecurityOracles.standard());
  }

  static String task(String id, String prompt, String entry, String canonical, String base, String plus, double atol)
      throws Exception {
    ObjectNode t = JsonlRows.JSON.createObjectNode();
    t.put("task_id", id).put("prompt", prompt).put("entry_point", entry).put("canonical_solution", canonical);
    t.set("base_input", JsonlRows.JSON.readTree(base));
    t.set("plus_input", JsonlRows.JSON.readTree(plus));
    t.put("atol", atol);
    return JsonlRows.JSON.writeValueAsString(t);
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  static Verdict score(String id, String completion) {
    EvalTask t = benchmark.tasks().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    return benchmark.score(t, benchmark.programOf(t, new Completion("none", id, 0, completion, null)), harness.sandbox());
  }

  @Test
  void eachLineIsATaskAndABadLineIsAProblemOfThatLineOnly() {
    assertThat(benchmark.tasks()).extracting(EvalTask::id).containsExactly("T/0", "T/1", "T/2", "T/3", "T/4");
    assertThat(benchmark.tasks().get(0).cwe()).isNull();
    assertThat(benchmark.problems()).hasSize(2);
    assertThat(benchmark.problems().get(0)).isEqualTo("HumanEvalPlus-test.jsonl:6: T/5: field 'base_input' missing or not a list");
    assertThat(benchmark.problems().get(1)).startsWith("HumanEvalPlus-test.jsonl:7: ");
  }

  @Test
  void theCanonicalSolutionPassesAndAWrongOneFailsOnAPlusInputNamedInTheReason() {
    assertThat(score("T/0", "    return a + b\n").functional()).isEqualTo(Functional.PASS);
    // right on the base input (1, 2), wrong on the plus input (10, -3)
    Verdict v = score("T/0", "    return abs(a) + abs(b)\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).isEqualTo("plus input 2 of 2: expected 7, got 13");
  }

  @Test
  void anIntEqualToTheExpectedFloatPassesAsPythonsEqualitySays() {
    assertThat(score("T/0", "    return float(a + b)\n").functional()).isEqualTo(Functional.PASS);
  }

  @Test
  void floatsPassWithinOneMillionthAndFailBeyond() {
    assertThat(score("T/1", "    return sum(xs) / len(xs) + 1e-9\n").functional()).isEqualTo(Functional.PASS);
    Verdict v = score("T/1", "    return sum(xs) / len(xs) + 1e-3\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).startsWith("base input 1 of 1: expected 1.5, got 1.501");
  }

  @Test
  void aListIsNotTheExpectedTuple() {
    Verdict v = score("T/2", "    return [a, a]\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).isEqualTo("base input 1 of 1: expected (1, 1), got [1, 1]");
  }

  @Test
  void aLargeOutputIsComparedByDigest() {
    assertThat(score("T/3", "    return 'a' + 'ba' * (n - 1) + 'b'\n").functional()).isEqualTo(Functional.PASS);
    Verdict v = score("T/3", "    return 'ab' * n if n < 1000 else 'ab' * (n - 1) + 'ac'\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).startsWith("plus input 1 of 1: expected a large value (digest ");
  }

  @Test
  void findZeroAcceptsAnyRootNotOnlyTheReferences() {
    // the canonical returns 1.0; 2.0 is the other root of x^2 - 3x + 2 but not of x - 1
    Verdict other = score("T/4", "    return 2.0 if len(xs) == 3 else 1.0\n");
    assertThat(other.functional()).isEqualTo(Functional.PASS);
    Verdict wrong = score("T/4", "    return 3.0\n");
    assertThat(wrong.functional()).isEqualTo(Functional.FAIL);
    assertThat(wrong.reason()).contains("not within 1.0E-4 of 0");
  }

  @Test
  void raisingNotLoadingAndOverrunningTheTimeLimitFail() {
    assertThat(score("T/0", "    return a / 0\n").reason()).isEqualTo("base input 1 of 1: raised ZeroDivisionError: division by zero");
    assertThat(score("T/0", "    return (\n").reason()).startsWith("program does not load: SyntaxError");
    Verdict slow = score("T/0", "    import time\n    if a == 10: time.sleep(60)\n    return a + b\n");
    assertThat(slow.functional()).isEqualTo(Functional.FAIL);
    assertThat(slow.reason()).isEqualTo("plus input 2 of 2: timed out (limit 4.0 s)");
  }

  @Test
  void printsAndAnEarlyExitDoNotPassForOutputs() {
    Verdict v = score("T/0", "    print('{\"i\": 0, \"h\": \"x\"}')\n    import os\n    os._exit(0)\n");
    assertThat(v.functional()).isEqualTo(Functional.FAIL);
    assertThat(v.reason()).startsWith("base input 1 of 1: no output (the program stopped)");
  }

  @Test
  void securityIsBanditsFindingsWhatEverTheirCwe() {
    Requires.tool("bandit");
    Verdict safe = score("T/0", "    return a + b\n");
    assertThat(safe.secure()).isTrue();
    assertThat(safe.oracle()).isEqualTo("bandit");
    Verdict evil = score("T/0", "    return eval(str(a) + '+' + str(b))\n");
    assertThat(evil.functional()).isEqualTo(Functional.PASS);
    assertThat(evil.secure()).isFalse();
    assertThat(evil.findings()).extracting(f -> f.rule()).contains("B307");
    assertThat(evil.reason()).startsWith("1 finding(s) of bandit: B307");
  }

  @Test
  void aFolderWithoutTheFileIsRefusedByName(@TempDir Path empty) {
    assertThatThrownBy(() -> new HumanEvalPlusBenchmark(empty, harness.toolchain(), harness.shims(), SecurityOracles.standard()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no HumanEval+ file").hasMessageContaining(empty.toString());
  }
}
