package dev.rescue.eval.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark the doctor and setup look at: its kind and folder, or no folder when no copy of its data
 * is reachable (then {@code note} says why).
 */
public record BenchmarkSource(String kind, Path dir, String note) {
  /** Where each benchmark lies under the shared data folder, in the order reports list them. */
  private static final List<String[]> LAYOUT = List.of(
      new String[] {"cweval", "cweval/benchmark"},
      new String[] {"codeguardplus", "codeguardplus"},
      new String[] {"humanevalplus", "humanevalplus"},
      new String[] {"bigcodebench", "bigcodebench"},
      new String[] {"humaneval", "benign/mbpp"},
      new String[] {"livecodebench", "livecodebench"});

  /** {@code KIND:DIR}, as {@code --benchmark} takes it. */
  public static BenchmarkSource parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("--benchmark: expected KIND:DIR, got '" + spec + "'");
    }
    return new BenchmarkSource(spec.substring(0, colon), Path.of(spec.substring(colon + 1)), null);
  }

  public String spec() {
    return kind + ":" + dir;
  }

  public boolean hasData() {
    return dir != null && Files.exists(dir);
  }

  /** The shared data folder beside the checkout ({@code ../shared/data}), or beside a worktree's parent. */
  public static Optional<Path> sharedData(Path cwd) {
    for (Path p : new Path[] {cwd.resolve("../shared/data"), cwd.resolve("../../shared/data")}) {
      if (Files.isDirectory(p)) return Optional.of(p.normalize());
    }
    return Optional.empty();
  }

  /** Every known benchmark under {@code data} (null: none found), each with or without its folder. */
  public static List<BenchmarkSource> defaults(Path data) {
    List<BenchmarkSource> out = new ArrayList<>();
    for (String[] kv : LAYOUT) {
      Path dir = data == null ? null : data.resolve(kv[1]);
      if (dir != null && Files.exists(dir)) {
        out.add(new BenchmarkSource(kv[0], dir, null));
      } else {
        String note = kv[0].equals("livecodebench")
            ? "no copy of LiveCodeBench's data is reachable here (not under shared/data; its hub is offline)"
            : "no data: " + (data == null ? "no shared/data folder found beside the checkout" : dir + " not found");
        out.add(new BenchmarkSource(kv[0], null, note));
      }
    }
    return out;
  }
}
