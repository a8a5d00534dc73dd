package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.Language;
import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken sandbox stops the run before any sample, naming what failed and how to fix it. */
class EvalPreflightTest {
  static EvalHarness harness;

  @BeforeAll
  static void open() {
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60), Toolchain.detect("/usr/bin/python3", null));
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  static Toolchain python(String exe) {
    Toolchain t = harness.toolchain();
    return new Toolchain(exe, t.gcc(), t.gpp(), t.node(), t.go(), t.nodePath());
  }

  @Test
  void aWorkingMachinePassesForEveryLanguageItHas() {
    Requires.tool("python3");
    Requires.that(harness.toolchain().pythonHas("pytest", null), "python3-pytest is not installed");
    Requires.tool("gcc");
    Preflight p = new Preflight(harness.sandbox(), harness.toolchain(), harness.shims(), true, false);
    assertThat(p.check(Set.of(Language.PYTHON, Language.C))).isEmpty();
  }

  @Test
  void aNonexistentInterpreterIsNamedWithTheSandboxErrorAndTheFix() {
    Preflight p = new Preflight(harness.sandbox(), python("/nonexistent/python3"), harness.shims(), true, false);
    Optional<Preflight.Failure> f = p.check(Set.of(Language.PYTHON));
    assertThat(f).isPresent();
    assertThat(f.get().probe()).contains("/nonexistent/python3", "pytest");
    assertThat(f.get().error()).contains("exit 127").contains("/nonexistent/python3");
    assertThat(f.get().fix()).contains("--python");
    assertThat(f.get().message()).contains("sandbox error:", "fix:");
  }

  @Test
  void aPythonWithoutPytestSaysToInstallIt() throws Exception {
    Requires.tool("python3");
    // python3 -S leaves out site-packages, where Debian's pytest lives; the wrapper's folder is exposed
    // to the samples of a harness of its own, which it outlives by nothing
    Path bin = Files.createDirectories(Path.of("/var/tmp").resolve("rescue-preflight-" + ProcessHandle.current().pid()));
    try (EvalHarness own = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(60), harness.toolchain())) {
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path py = bin.resolve("python-no-site");
      Files.writeString(py, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
      Files.setPosixFilePermissions(py, PosixFilePermissions.fromString("rwxr-xr-x"));
      own.sandbox().expose(bin);
      Toolchain t = own.toolchain();
      Preflight p = new Preflight(own.sandbox(), new Toolchain(py.toString(), t.gcc(), t.gpp(), t.node(), t.go(), t.nodePath()),
          own.shims(), true, false);
      Optional<Preflight.Failure> f = p.check(Set.of());
      assertThat(f).isPresent();
      assertThat(f.get().error()).contains("No module named pytest");
      assertThat(f.get().fix()).contains("install python3-pytest");
    } finally {
      Sandbox.deleteTree(bin);
    }
  }

  @Test
  void harnessFilesTheSandboxDoesNotExposeAreNamed(@TempDir Path elsewhere) throws Exception {
    Requires.that(harness.toolchain().pythonHas("pytest", null), "python3-pytest is not installed");
    // a plugin folder the sandbox was never told about: the sample sees only its folder and the harness's
    Path shims = HarnessFiles.install(Files.createDirectories(elsewhere.resolve("python")));
    Preflight p = new Preflight(harness.sandbox(), harness.toolchain(), shims, true, false);
    Optional<Preflight.Failure> f = p.check(Set.of());
    assertThat(f).isPresent();
    assertThat(f.get().error()).contains("rescue_pytest_plugin");
    assertThat(f.get().fix()).contains("the harness's pytest plugin in " + shims + " is not importable by the sandbox user");
  }

  /** A benchmark that claims it can run everything, to see the run stop at the preflight. */
  static Benchmark claimingAll(List<EvalTask> tasks, java.util.concurrent.atomic.AtomicInteger scored) {
    return new Benchmark() {
      @Override
      public String kind() {
        return "fake";
      }

      @Override
      public List<EvalTask> tasks() {
        return tasks;
      }

      @Override
      public Optional<String> unavailable(EvalTask task) {
        return Optional.empty();
      }

      @Override
      public Verdict score(EvalTask task, String program, Sandbox sandbox) {
        scored.incrementAndGet();
        return Verdict.error("should not be reached");
      }
    };
  }

  @Test
  void aFailedPreflightStopsTheRunBeforeAnySampleIsGeneratedOrScored(@TempDir Path dir) {
    var scored = new java.util.concurrent.atomic.AtomicInteger();
    var generated = new java.util.concurrent.atomic.AtomicInteger();
    EvalTask t = new EvalTask("t", Language.PYTHON, null, "def f():\n", dir.resolve("t.py"), null, "assert True", null);
    try (ResultsLog log = new ResultsLog(dir.resolve("results.jsonl"))) {
      EvalRun run = new EvalRun(claimingAll(List.of(t), scored), harness.sandbox(), log, 1, EvalRun.Progress.NONE)
          .withPreflight(new Preflight(harness.sandbox(), python("/nonexistent/python3"), harness.shims(), false, false));
      assertThatThrownBy(() -> run.generateAndScore("none", 2, (task, s) -> {
        generated.incrementAndGet();
        return new Completion("none", task.id(), s, "  return 1\n", null);
      }, x -> true)).isInstanceOf(Preflight.FailedException.class).hasMessageContaining("/nonexistent/python3");
      assertThat(log.all()).isEmpty();
    }
    assertThat(scored.get()).isZero();
    assertThat(generated.get()).isZero();
  }
}
