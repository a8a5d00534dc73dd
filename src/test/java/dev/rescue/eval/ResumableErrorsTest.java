package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples the harness could not judge are recorded as errors and retried by the next run. */
class ResumableErrorsTest {
  static final EvalTask TASK = new EvalTask("t", Language.PYTHON, "CWE-20", "def f():\n", Path.of("t.py"), null, "", null);
  static final EvalTask GO = new EvalTask("g", Language.GO, "CWE-20", "package main\n", Path.of("g.go"), null, "", null);

  static Benchmark benchmark(AtomicBoolean broken, AtomicInteger scored) {
    return new Benchmark() {
      @Override
      public String kind() {
        return "fake";
      }

      @Override
      public List<EvalTask> tasks() {
        return List.of(TASK, GO);
      }

      @Override
      public Optional<String> unavailable(EvalTask task) {
        return task.language() == Language.GO ? Optional.of("go not installed (Debian golang-go)") : Optional.empty();
      }

      @Override
      public Verdict score(EvalTask task, String program, Sandbox sandbox) {
        scored.incrementAndGet();
        if (broken.get()) return Verdict.error("pytest wrote no report: ImportError: rescue_pytest_plugin");
        return new Verdict(Functional.PASS, true, "fake", List.of(), null);
      }
    };
  }

  @Test
  void anAllErrorRunHasNoPassRateAndItsRerunRetriesEverySample(@TempDir Path dir) {
    AtomicBoolean broken = new AtomicBoolean(true);
    AtomicInteger scored = new AtomicInteger();
    SampleGenerator gen = (task, s) -> new Completion("none", task.id(), s, "  return 1\n", null).withPromptTokens(7);
    Path file = dir.resolve("results.jsonl");
    try (ResultsLog log = new ResultsLog(file)) {
      EvalRun.Outcome o = new EvalRun(benchmark(broken, scored), null, log, 1, EvalRun.Progress.NONE)
          .generateAndScore("none", 3, gen, t -> true);
      assertThat(o.errors()).isEqualTo(3);
      assertThat(o.skipped()).containsEntry("g", "go not installed (Debian golang-go)");
      assertThat(o.skippedSamples()).containsEntry("none", 3);
      Scores s = Scores.of(log.all(), List.of(1));
      assertThat(s.pass(1)).isNull();
      assertThat(s.errors()).isEqualTo(3);
      assertThat(s.errorReasons()).containsOnlyKeys("pytest wrote no report: ImportError: rescue_pytest_plugin");
    }
    broken.set(false);
    try (ResultsLog log = new ResultsLog(file)) {
      EvalRun.Outcome o = new EvalRun(benchmark(broken, scored), null, log, 1, EvalRun.Progress.NONE)
          .generateAndScore("none", 3, gen, t -> true);
      assertThat(o.alreadyDone()).isZero();
      assertThat(o.retried()).isEqualTo(3);
      assertThat(o.errors()).isZero();
      Scores s = Scores.of(log.all(), List.of(1));
      assertThat(s.pass(1)).isEqualTo(1.0);
      assertThat(s.errors()).isZero();
      assertThat(log.all()).allSatisfy(r -> assertThat(r.promptTokens()).isEqualTo(7));
    }
    assertThat(scored.get()).isEqualTo(6);
  }

  @Test
  void aGenerationFailureIsAnErrorNamingItNotAFail(@TempDir Path dir) {
    try (ResultsLog log = new ResultsLog(dir.resolve("results.jsonl"))) {
      EvalRun.Outcome o = new EvalRun(benchmark(new AtomicBoolean(false), new AtomicInteger()), null, log, 1,
          EvalRun.Progress.NONE).generateAndScore("rescue", 1, (task, s) -> {
            throw new IllegalStateException("LLM server answered 503");
          }, t -> true);
      assertThat(o.errors()).isEqualTo(1);
      assertThat(log.all()).singleElement().satisfies(r -> {
        assertThat(r.functional()).isEqualTo(Functional.ERROR);
        assertThat(r.reason()).isEqualTo("generation failed: IllegalStateException: LLM server answered 503");
      });
    }
  }
}
