package dev.rescue.eval;

import java.util.List;
import java.util.Optional;

/** A benchmark folder turned into tasks, and the way its samples are scored. */
public interface Benchmark {
  /** The kind in {@code KIND:DIR}, one of {@link Benchmarks#KINDS}. */
  String kind();

  /** Every task, in a stable order; a malformed task is reported by {@link #problems()}, not thrown. */
  List<EvalTask> tasks();

  /** Tasks that could not be read, each with the reason (task or file name first). */
  default List<String> problems() {
    return List.of();
  }

  /**
   * What a reader of the report must know to compare its figures with the benchmark's published
   * ones (e.g. that another security oracle judged than the paper's), one sentence each.
   */
  default List<String> notes() {
    return List.of();
  }

  /** Why this machine cannot run the task (a missing toolchain or package), or empty when it can. */
  Optional<String> unavailable(EvalTask task);

  /** The whole program of a sample: a given program as is, a completion appended to the prompt. */
  default String programOf(EvalTask task, Completion sample) {
    return sample.program() != null ? sample.program() : task.prompt() + sample.completion();
  }

  /**
   * The benchmark's own solutions of this kind as samples (one per task that has one), labelled
   * {@link References#label()}; empty when the benchmark ships none of that kind.
   */
  default java.util.List<Completion> references(References kind) {
    return List.of();
  }

  /** Scores one whole program for the task, running it only inside the sandbox. */
  Verdict score(EvalTask task, String program, Sandbox sandbox);
}
