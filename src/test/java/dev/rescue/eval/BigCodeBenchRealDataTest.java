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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BigCodeBench adapter on the real benchmark (shared data, evaluation-only), on a fixed sample of
 * every 19th task (60 tasks) so that it stays within a few minutes on two cores: the canonical
 * solutions of the tasks this machine can run must pass, and breaking them (on every third of those)
 * must make them fail.
 */
class BigCodeBenchRealDataTest {
  static final int EVERY = 19;
  static EvalHarness harness;
  static BigCodeBenchBenchmark benchmark;
  static List<EvalTask> sample;
  static Map<String, Verdict> canonical;

  static Path data() {
    Path ci = Path.of("../shared/data/bigcodebench");
    return Requires.data(Files.isDirectory(ci) ? ci : Path.of("/work/shared/data/bigcodebench"));
  }

  @BeforeAll
  static void open() throws Exception {
    Path dir = data();
    harness = EvalHarness.open(SandboxLimits.defaults(), Toolchain.detect("/usr/bin/python3", null));
    for (String lib : List.of("numpy", "pandas", "matplotlib", "sklearn", "scipy", "seaborn")) {
      Requires.that(harness.toolchain().pythonHas(lib, null),
          "BigCodeBench's libraries: '" + lib + "' not importable by /usr/bin/python3 (.ci/run installs Debian's python3-* packages)");
    }
    benchmark = new BigCodeBenchBenchmark(dir, harness.toolchain(), harness.shims(),
        new SecurityOracles(new CodeqlOracle(), List.of()));
    Map<String, String> skipped = new TreeMap<>();
    sample = new ArrayList<>();
    List<EvalTask> all = benchmark.tasks();
    for (int i = 0; i < all.size(); i += EVERY) {
      EvalTask t = all.get(i);
      benchmark.unavailable(t).ifPresentOrElse(why -> skipped.put(t.id(), why), () -> sample.add(t));
    }
    System.out.println("BigCodeBench sample: " + sample.size() + " runnable, skipped " + skipped);
    canonical = scoreAll(sample, benchmark::referenceProgram);
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

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
  void theFileHas1140TasksAndNoProblems() {
    assertThat(benchmark.tasks()).hasSize(1140);
    assertThat(benchmark.problems()).isEmpty();
  }

  @Test
  void canonicalSolutionsPassForAtLeast95PercentOfTheRunnableSampledTasks() {
    List<String> failed = canonical.entrySet().stream().filter(e -> e.getValue().functional() != Functional.PASS)
        .map(e -> e.getKey() + ": " + e.getValue().reason()).sorted().toList();
    System.out.println("BigCodeBench canonical: " + (canonical.size() - failed.size()) + "/" + canonical.size() + " pass; " + failed);
    assertThat(sample.size()).as("runnable sampled tasks").isGreaterThanOrEqualTo(40);
    assertThat((canonical.size() - failed.size()) * 100.0 / canonical.size()).as("pass %% (failures: %s)", failed)
        .isGreaterThanOrEqualTo(95.0);
  }

  @Test
  void aCanonicalSolutionWhoseFunctionReturnsNoneFails() throws Exception {
    // every third of the passing sampled tasks, to keep the test short
    List<EvalTask> passing = new ArrayList<>();
    List<EvalTask> all = sample.stream().filter(t -> canonical.get(t.id()).functional() == Functional.PASS).toList();
    for (int i = 0; i < all.size(); i += 3) passing.add(all.get(i));
    Map<String, Verdict> broken = scoreAll(passing, t -> benchmark.referenceProgram(t)
        + "\n\n_rescue_original = task_func\n"
        + "def task_func(*args, **kwargs):\n"
        + "    _rescue_original(*args, **kwargs)\n"
        + "    return None\n");
    List<String> stillPassing = broken.entrySet().stream().filter(e -> e.getValue().functional() == Functional.PASS)
        .map(Map.Entry::getKey).sorted().toList();
    // a few tasks only check side effects (files written, exceptions raised), which None keeps
    assertThat(stillPassing.size()).as("broken solutions that still pass: %s", stillPassing)
        .isLessThanOrEqualTo(passing.size() / 5);
    assertThat(broken.values()).filteredOn(v -> v.functional() == Functional.FAIL)
        .allSatisfy(v -> assertThat(v.reason()).isNotBlank());
  }
}
