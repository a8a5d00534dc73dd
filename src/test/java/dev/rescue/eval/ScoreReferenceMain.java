package dev.rescue.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM for {@link SandboxPlacementTest}: opens the harness as {@code rescue eval} does (with
 * this JVM's java.io.tmpdir and user), scores one CWEval task's reference and prints the verdict.
 * Arguments: the benchmark folder and the task id.
 */
public final class ScoreReferenceMain {
  private ScoreReferenceMain() {}

  public static void main(String[] args) throws Exception {
    try (EvalHarness harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60),
        Toolchain.detect("/usr/bin/python3", null))) {
      CwevalBenchmark benchmark = new CwevalBenchmark(Path.of(args[0]), harness.toolchain(), harness.shims());
      EvalTask task = benchmark.tasks().stream().filter(t -> t.id().equals(args[1])).findFirst().orElseThrow();
      Verdict v = benchmark.score(task, Files.readString(task.source()), harness.sandbox());
      System.out.println("ISOLATION " + harness.sandbox().describe().get("isolation"));
      System.out.println("VERDICT " + v.functional() + " " + v.secure() + " " + v.reason());
    }
  }
}
