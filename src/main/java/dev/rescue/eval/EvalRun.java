package dev.rescue.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One evaluation: which samples to score (given completions, or n generated per task), skipping tasks
 * this machine cannot run (with their reason) and samples already in results.jsonl, scoring the rest
 * in the sandbox and appending each result as soon as it is known.
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

  /** What happened. {@code problems} are inputs that failed (bad lines, unknown tasks, LLM errors). */
  public record Outcome(Map<String, String> skipped, List<String> problems, int scored, int alreadyDone, double seconds) {}

  private final Benchmark benchmark;
  private final Sandbox sandbox;
  private final ResultsLog log;
  private final int jobs;
  private final Progress progress;

  public EvalRun(Benchmark benchmark, Sandbox sandbox, ResultsLog log, int jobs, Progress progress) {
    if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1: " + jobs);
    this.benchmark = benchmark;
    this.sandbox = sandbox;
    this.log = log;
    this.jobs = jobs;
    this.progress = progress;
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
    List<Work> work = new ArrayList<>();
    for (EvalTask t : benchmark.tasks()) {
      if (!filter.test(t)) continue;
      for (int i = 0; i < n; i++) {
        int sample = i;
        work.add(new Work(t, sample, method, () -> generator.generate(t, sample)));
      }
    }
    return execute(work, new ArrayList<>(benchmark.problems()));
  }

  private record Work(EvalTask task, int sample, String method, java.util.function.Supplier<Completion> source) {
    SampleResult.Key key() {
      return new SampleResult.Key(method, task.id(), sample);
    }
  }

  private Outcome execute(List<Work> all, List<String> problems) {
    long start = System.nanoTime();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, java.util.Optional<String>> availability = new LinkedHashMap<>();
    List<Work> todo = new ArrayList<>();
    int already = 0;
    for (Work w : all) {
      var why = availability.computeIfAbsent(w.task().id(), id -> benchmark.unavailable(w.task()));
      if (why.isPresent()) {
        skipped.put(w.task().id(), why.get());
      } else if (log.has(w.key())) {
        already++;
      } else {
        todo.add(w);
      }
    }
    progress.start(todo.size());
    AtomicInteger scored = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Work w : todo) {
        futures.add(pool.submit(() -> {
          try {
            long t0 = System.nanoTime();
            Completion c = w.source().get();
            String program = benchmark.programOf(w.task(), c);
            Verdict v = benchmark.score(w.task(), program, sandbox);
            log.append(SampleResult.of(w.method(), w.task(), w.sample(), v, (System.nanoTime() - t0) / 1_000_000));
            scored.incrementAndGet();
          } catch (RuntimeException e) {
            // a generation or harness failure is reported and left unrecorded, so a rerun retries it
            failures.add(w.task().id() + "#" + w.sample() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
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
    return new Outcome(skipped, problems, scored.get(), already, (System.nanoTime() - start) / 1e9);
  }
}
