package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.eval.oracle.CodeqlOracle;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HumanEval+ adapter on evalplus's real release (shared data, evaluation-only): the canonical
 * solutions must pass (they define the expected outputs, so a failure is the harness's), and a
 * solution that is wrong on a single plus input must fail.
 */
class HumanEvalPlusRealDataTest {
  static EvalHarness harness;
  static HumanEvalPlusBenchmark benchmark;

  static Path data() {
    Path ci = Path.of("../shared/data/humanevalplus");
    return Requires.data(Files.isDirectory(ci) ? ci : Path.of("/work/shared/data/humanevalplus"));
  }

  @BeforeAll
  static void open() {
    Path dir = data();
    harness = EvalHarness.open(SandboxLimits.defaults(), Toolchain.detect("/usr/bin/python3", null));
    // functional outcome only: the security check has tests of its own and would double the time
    benchmark = new HumanEvalPlusBenchmark(dir, harness.toolchain(), harness.shims(),
        new SecurityOracles(new CodeqlOracle(), List.of()));
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  /** Scores one program per task, two at a time (the machine has two cores). */
  static Map<String, Verdict> scoreAll(List<EvalTask> tasks, java.util.function.Function<EvalTask, String> program)
      throws Exception {
    Map<String, Verdict> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (EvalTask t : tasks) fs.add(pool.submit(() -> out.put(t.id(), benchmark.score(t, program.apply(t), harness.sandbox()))));
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  @Test
  void theFileHas164TasksAndNoProblems() {
    assertThat(benchmark.tasks()).hasSize(164);
    assertThat(benchmark.problems()).isEmpty();
    assertThat(benchmark.tasks().get(0).id()).isEqualTo("HumanEval/0");
  }

  @Test
  void canonicalSolutionsPassForAtLeast99PercentOfTasks() throws Exception {
    Map<String, Verdict> v = scoreAll(benchmark.tasks(), benchmark::referenceProgram);
    List<String> failed = v.entrySet().stream().filter(e -> e.getValue().functional() != Functional.PASS)
        .map(e -> e.getKey() + ": " + e.getValue().reason()).sorted().toList();
    assertThat(v).hasSize(164);
    assertThat(164 - failed.size()).as("passing canonical solutions; failures: %s", failed).isGreaterThanOrEqualTo(163);
  }

  @Test
  void aSolutionWrongOnlyOnTheLastPlusInputFails() throws Exception {
    // every 8th task: the canonical solution, except that its last call returns a different value
    List<EvalTask> some = new ArrayList<>();
    for (int i = 0; i < benchmark.tasks().size(); i += 8) some.add(benchmark.tasks().get(i));
    Map<String, Verdict> v = scoreAll(some, t -> benchmark.referenceProgram(t) + wrongOnLastCall(t, benchmark));
    for (EvalTask t : some) {
      assertThat(v.get(t.id()).functional()).as(t.id() + ": " + v.get(t.id()).reason()).isEqualTo(Functional.FAIL);
      assertThat(v.get(t.id()).reason()).as(t.id()).contains("plus input");
    }
  }

  /** Wraps the entry point so that its n-th call (the last plus input) returns a tuple no task expects. */
  static String wrongOnLastCall(EvalTask t, HumanEvalPlusBenchmark b) {
    String entry = b.entryPoint(t);
    int calls = b.inputCount(t);
    return "\n\n_rescue_calls = [0]\n_rescue_original = " + entry + "\n"
        + "def " + entry + "(*args):\n"
        + "    _rescue_calls[0] += 1\n"
        + "    out = _rescue_original(*args)\n"
        + "    return ('perturbed', out) if _rescue_calls[0] == " + calls + " else out\n";
  }
}
