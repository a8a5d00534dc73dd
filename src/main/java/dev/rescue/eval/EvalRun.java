package dev.rescue.eval;

import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One evaluation: which samples to score (given completions, or n generated per task and method),
 * skipping tasks this machine cannot run (with their reason) and samples already judged in
 * results.jsonl, checking the sandbox with a {@link Preflight} before the first sample, scoring the
 * rest and appending each result as soon as it is known. A sample that could not be generated or
 * judged is recorded as {@link Functional#ERROR} with its reason, so it is counted, listed and
 * retried by a rerun.
 */
public final class EvalRun {
  /** Progress of the scoring, e.g. a progress bar on stderr. */
  public interface Progress {
    void start(int total);

    void step(String label);

    void done();

    Progress NONE = new Progress() {
      @Override
      public void start(int total) {}

      @Override
      public void step(String label) {}

      @Override
      public void done() {}
    };
  }

  /**
   * What happened.
   *
   * @param skipped tasks this machine cannot run, with the reason
   * @param skippedSamples per method, the samples not scored because their task was skipped
   * @param problems inputs that failed (bad lines, unknown tasks) and interruptions
   * @param retried samples whose earlier result was an error, scored again
   * @param errors samples of this run the harness could not judge (or generate)
   */
  public record Outcome(Map<String, String> skipped, Map<String, Integer> skippedSamples, List<String> problems,
      int scored, int alreadyDone, int retried, int errors, double seconds) {}

  /** One sample to score, per method. */
  public record Method(String name, SampleGenerator generator) {}

  private final Benchmark benchmark;
  private final Sandbox sandbox;
  private final ResultsLog log;
  private final int jobs;
  private final Progress progress;
  private Preflight preflight;

  public EvalRun(Benchmark benchmark, Sandbox sandbox, ResultsLog log, int jobs, Progress progress) {
    if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1: " + jobs);
    this.benchmark = benchmark;
    this.sandbox = sandbox;
    this.log = log;
    this.jobs = jobs;
    this.progress = progress;
  }

  /** Checks the sandbox with this preflight before the first sample is scored. */
  public EvalRun withPreflight(Preflight p) {
    this.preflight = p;
    return this;
  }

  /** Scores given samples; samples of unknown or filtered-out tasks are reported, not scored. */
  public Outcome scoreCompletions(List<Completion> completions, Predicate<EvalTask> filter) {
    Map<String, EvalTask> tasks = new LinkedHashMap<>();
    for (EvalTask t : benchmark.tasks()) tasks.put(t.id(), t);
    List<String> problems = new ArrayList<>(benchmark.problems());
    List<Work> work = new ArrayList<>();
    for (Completion c : completions) {
      EvalTask t = tasks.get(c.taskId());
      if (t == null) {
        problems.add(c.taskId() + "#" + c.sample() + ": unknown task id for " + benchmark.kind());
      } else if (filter.test(t)) {
        work.add(new Work(t, c.sample(), c.method(), () -> c));
      }
    }
    return execute(work, problems);
  }

  /** Generates and scores n samples of every task that passes the filter. */
  public Outcome generateAndScore(String method, int n, SampleGenerator generator, Predicate<EvalTask> filter) {
    return generateAndScore(List.of(new Method(method, generator)), n, filter);
  }

  /** Generates and scores n samples of every task for every method, task by task so methods progress alike. */
  public Outcome generateAndScore(List<Method> methods, int n, Predicate<EvalTask> filter) {
    List<Work> work = new ArrayList<>();
    for (EvalTask t : benchmark.tasks()) {
      if (!filter.test(t)) continue;
      for (Method m : methods) {
        for (int i = 0; i < n; i++) {
          int sample = i;
          work.add(new Work(t, sample, m.name(), () -> m.generator().generate(t, sample)));
        }
      }
    }
    return execute(work, new ArrayList<>(benchmark.problems()));
  }

  private record Work(EvalTask task, int sample, String method, Supplier<Completion> source) {
    SampleResult.Key key() {
      return new SampleResult.Key(method, task.id(), sample);
    }
  }

  private Outcome execute(List<Work> all, List<String> problems) {
    long start = System.nanoTime();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, Integer> skippedSamples = new LinkedHashMap<>();
    Map<String, Optional<String>> availability = new LinkedHashMap<>();
    List<Work> todo = new ArrayList<>();
    int already = 0;
    int retried = 0;
    for (Work w : all) {
      var why = availability.computeIfAbsent(w.task().id(), id -> benchmark.unavailable(w.task()));
      if (why.isPresent()) {
        skipped.put(w.task().id(), why.get());
        skippedSamples.merge(w.method(), 1, Integer::sum);
      } else if (log.has(w.key())) {
        already++;
      } else {
        if (log.latest(w.key()).isPresent()) retried++;
        todo.add(w);
      }
    }
    if (preflight != null && !todo.isEmpty()) {
      Set<Language> languages = new LinkedHashSet<>();
      todo.forEach(w -> languages.add(w.task().language()));
      preflight.check(languages).ifPresent(f -> {
        throw new Preflight.FailedException(f);
      });
    }
    progress.start(todo.size());
    AtomicInteger scored = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Work w : todo) {
        futures.add(pool.submit(() -> {
          try {
            SampleResult r = score(w);
            log.append(r);
            scored.incrementAndGet();
            if (r.errored()) errors.incrementAndGet();
          } finally {
            progress.step(w.task().id());
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(String.valueOf(e.getCause()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted: the remaining samples are scored by a rerun");
    } finally {
      pool.shutdownNow();
      progress.done();
    }
    problems.addAll(failures);
    return new Outcome(skipped, skippedSamples, problems, scored.get(), already, retried, errors.get(),
        (System.nanoTime() - start) / 1e9);
  }

  /** One sample's result; a generation or harness failure becomes an error result naming it. */
  private SampleResult score(Work w) {
    long t0 = System.nanoTime();
    Completion c;
    try {
      c = w.source().get();
    } catch (RuntimeException e) {
      return SampleResult.of(w.method(), w.task(), w.sample(),
          Verdict.error("generation failed: " + describe(e)), millisSince(t0), null);
    }
    Verdict v;
    try {
      v = benchmark.score(w.task(), benchmark.programOf(w.task(), c), sandbox);
    } catch (RuntimeException e) {
      v = Verdict.error("harness failed: " + describe(e));
    }
    return SampleResult.of(w.method(), w.task(), w.sample(), v, millisSince(t0), c.promptTokens(), c.repair());
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
