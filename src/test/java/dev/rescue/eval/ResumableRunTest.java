package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped midway and rerun ends with the same results as one uninterrupted run. */
class ResumableRunTest {
  static final Path MBPP_LIKE = Path.of("src/test/resources/testdata/eval/humaneval");
  static EvalHarness harness;

  @BeforeAll
  static void open() {
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(20), Toolchain.detect("/usr/bin/python3", null));
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  /** Even samples are right, odd ones wrong, so the results are not all alike. */
  static SampleGenerator generator(AtomicInteger calls, int dieAfter) {
    return (task, sample) -> {
      if (calls.incrementAndGet() > dieAfter) throw new ThreadDeath();
      String body = task.id().equals("add") ? "a + b" : "x * 2";
      return new Completion("none", task.id(), sample, "    return " + (sample % 2 == 0 ? body : "0") + "\n", null);
    };
  }

  static String canonical(Path results) throws Exception {
    try (ResultsLog log = new ResultsLog(results)) {
      return log.all().stream().map(r -> r.taskId() + "#" + r.sample() + " " + r.functional() + " " + r.secure())
          .sorted().collect(Collectors.joining("\n"));
    }
  }

  @Test
  void killedRunResumedGivesTheSameResultsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    HumanEvalBenchmark b = new HumanEvalBenchmark(MBPP_LIKE, harness.toolchain());
    Path whole = dir.resolve("whole.jsonl");
    try (ResultsLog log = new ResultsLog(whole)) {
      new EvalRun(b, harness.sandbox(), log, 1, EvalRun.Progress.NONE)
          .generateAndScore("none", 3, generator(new AtomicInteger(), Integer.MAX_VALUE), t -> true);
    }
    Path resumed = dir.resolve("resumed.jsonl");
    AtomicInteger firstCalls = new AtomicInteger();
    try (ResultsLog log = new ResultsLog(resumed)) {
      // the "process" dies while generating the fourth sample
      try {
        new EvalRun(b, harness.sandbox(), log, 1, EvalRun.Progress.NONE)
            .generateAndScore("none", 3, generator(firstCalls, 3), t -> true);
      } catch (ThreadDeath expected) {
        // a kill, as far as the run is concerned
      }
    }
    long before = Files.readAllLines(resumed).size();
    assertThat(before).isBetween(1L, 5L);
    // a kill in the middle of a write leaves a torn line behind
    Files.writeString(resumed, "{\"task_id\":\"add\",\"sam", StandardOpenOption.APPEND);
    AtomicInteger secondCalls = new AtomicInteger();
    try (ResultsLog log = new ResultsLog(resumed)) {
      EvalRun.Outcome o = new EvalRun(b, harness.sandbox(), log, 1, EvalRun.Progress.NONE)
          .generateAndScore("none", 3, generator(secondCalls, Integer.MAX_VALUE), t -> true);
      assertThat(o.alreadyDone()).isEqualTo((int) before);
      assertThat(secondCalls.get()).isEqualTo(6 - (int) before);
    }
    assertThat(canonical(resumed)).isEqualTo(canonical(whole));
    assertThat(Files.readAllLines(resumed)).hasSize(6);
    assertThat(canonical(whole)).contains("add#0 PASS null", "add#1 FAIL null", "double#2 PASS null");
  }

  @Test
  void aMalformedYamlIsReportedAndTheOthersStillLoad() {
    HumanEvalBenchmark b = new HumanEvalBenchmark(MBPP_LIKE, harness.toolchain());
    assertThat(b.tasks()).extracting(EvalTask::id).containsExactly("add", "double");
    assertThat(b.problems()).singleElement().asString().contains("broken.yaml");
  }

  @Test
  void unknownTaskIdsInCompletionsAreProblemsNotCrashes(@TempDir Path dir) {
    HumanEvalBenchmark b = new HumanEvalBenchmark(MBPP_LIKE, harness.toolchain());
    try (ResultsLog log = new ResultsLog(dir.resolve("r.jsonl"))) {
      EvalRun.Outcome o = new EvalRun(b, harness.sandbox(), log, 1, EvalRun.Progress.NONE).scoreCompletions(List.of(
          new Completion("none", "nope", 0, "x", null),
          new Completion("none", "add", 0, null, "def add(a, b):\n    return a + b\n")), t -> true);
      assertThat(o.problems()).anySatisfy(p -> assertThat(p).contains("nope#0: unknown task id"));
      assertThat(log.all()).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
    }
  }
}
