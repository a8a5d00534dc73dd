package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.eval.oracle.CodeqlOracle;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CodeGuard+ benchmark (shared/data/codeguardplus): the programs it ships to check its own
 * tests ({@code unit_test/cwe-XXX/N-LANG/test_case.*}, 55 of them) are scored by the adapter in the
 * sandbox, and each verdict is compared with the benchmark's own, computed here by running its
 * functional.py as correctness_eval.py does ({@link CorrectnessEvalReference}). Many of those programs
 * fail their own test (with Debian's Flask 2.2, Werkzeug 2.2 and friends): agreement, not passing, is
 * what is checked.
 */
class CodeGuardPlusAgreementTest {
  static final Path DATA = Path.of(System.getProperty("rescue.shared", "../shared"), "data", "codeguardplus");

  record Case(String id, String language, Path program) {}

  @Test
  void theAdapterAgreesWithTheBenchmarksOwnVerdictOnItsTestCases(@TempDir Path work) throws Exception {
    Requires.data(DATA);
    Requires.tool("gcc");
    Requires.that(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 not installed");
    List<Case> cases = testCases();
    assertThat(cases).as("test_case programs shipped by the benchmark").hasSize(55);

    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, Verdict> adapter = new LinkedHashMap<>();
    // functional verdicts only: the agreement is about functional.py, the analysers would only add time
    SecurityOracles noAnalysers = new SecurityOracles(new CodeqlOracle(), List.of());
    // the adapter runs first: its samples run as the sandbox user, the reference as this one
    try (EvalHarness harness = EvalHarness.open(SandboxLimits.defaults(), Toolchain.detect("/usr/bin/python3", null))) {
      CodeGuardPlusBenchmark benchmark = new CodeGuardPlusBenchmark(DATA, harness.toolchain(), harness.shims(), noAnalysers);
      assertThat(benchmark.problems()).isEmpty();
      Map<String, EvalTask> tasks = new LinkedHashMap<>();
      for (EvalTask t : benchmark.tasks()) tasks.put(t.id(), t);
      // two samples at a time, as `rescue eval --jobs 2` scores them: each runs on a private root
      Map<String, Future<Verdict>> scored = new LinkedHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (Case c : cases) {
          EvalTask t = tasks.get(c.id());
          assertThat(t).as("task of " + c.id()).isNotNull();
          var why = benchmark.unavailable(t);
          if (why.isPresent()) {
            skipped.put(c.id(), why.get());
            continue;
          }
          String program = Files.readString(c.program(), StandardCharsets.UTF_8);
          scored.put(c.id(), pool.submit(() -> benchmark.score(t,
              benchmark.programOf(t, new Completion("test_case", c.id(), 0, null, program)), harness.sandbox())));
        }
        for (var e : scored.entrySet()) adapter.put(e.getKey(), e.getValue().get());
      } finally {
        pool.shutdownNow();
      }

      CorrectnessEvalReference reference = new CorrectnessEvalReference(DATA, work, harness.shims());
      int agree = 0;
      List<String> disagreements = new ArrayList<>();
      StringBuilder table = new StringBuilder();
      for (Case c : cases) {
        if (!adapter.containsKey(c.id())) continue;
        String program = Files.readString(c.program(), StandardCharsets.UTF_8);
        CorrectnessEvalReference.Result ref = reference.run(c.id(), c.language(), program,
            work.resolve(c.id().replace('/', '_')));
        Verdict v = adapter.get(c.id());
        boolean same = (ref.says() == CorrectnessEvalReference.Says.FUNCTIONAL) == (v.functional() == Functional.PASS)
            && v.functional() != Functional.ERROR;
        if (same) {
          agree++;
        } else {
          disagreements.add(c.id() + ": benchmark " + ref.says() + ", adapter " + v.functional() + " (" + v.reason() + ")\n"
              + ref.output().strip());
        }
        table.append(String.format("%-14s %-15s %-6s %s%n", c.id(), ref.says(), v.functional(), v.reason() == null ? "" : v.reason()));
      }
      System.out.println("CodeGuard+ test_case agreement " + agree + "/" + adapter.size() + " (skipped " + skipped.size()
          + ")\n" + table + "skipped: " + skipped + "\ndisagreements:\n" + String.join("\n", disagreements));
      assertThat(agree * 100).as("agreement %d/%d; disagreements:%n%s", agree, adapter.size(), String.join("\n", disagreements))
          .isGreaterThanOrEqualTo(95 * adapter.size());
      // a skipped scenario says why; CI installs every package, so there none is skipped
      assertThat(skipped.values()).allSatisfy(why -> assertThat(why).contains("not installed"));
      Requires.that(skipped.isEmpty(), "scenarios skipped for missing packages: " + skipped);
    }
  }

  /** {@code unit_test/cwe-XXX/N-LANG/test_case.EXT}, the benchmark's own checks of its tests. */
  static List<Case> testCases() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> s = Files.walk(DATA.resolve("unit_test"), 3)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith("test_case.") || !Files.isRegularFile(p)) continue;
        Path scenario = p.getParent();
        String id = scenario.getParent().getFileName() + "/" + scenario.getFileName();
        cases.add(new Case(id, name.substring(name.indexOf('.') + 1), p));
      }
    }
    return cases;
  }
}
