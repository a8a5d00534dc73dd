package dev.rescue.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark whose tasks are read once, when it is opened: the loader adds each task it reads to
 * {@link #tasks} and, for one it cannot read, a line to {@link #problems} (which scoring may add to,
 * e.g. a task file that became unreadable), so that one bad task never loses the rest.
 */
abstract class LoadedBenchmark implements Benchmark {
  protected final List<EvalTask> tasks = new ArrayList<>();
  protected final List<String> problems = new ArrayList<>();

  @Override
  public final List<EvalTask> tasks() {
    return List.copyOf(tasks);
  }

  @Override
  public final List<String> problems() {
    return List.copyOf(problems);
  }
}
