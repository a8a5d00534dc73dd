package dev.rescue.eval.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.eval.Benchmark;
import dev.rescue.eval.CwevalBenchmark;
import dev.rescue.eval.EvalHarness;
import dev.rescue.eval.GoModules;
import dev.rescue.eval.Machine;
import dev.rescue.eval.Requirement;
import dev.rescue.eval.SandboxLimits;
import dev.rescue.eval.Toolchain;
import dev.rescue.eval.setup.DoctorReport.BenchmarkStatus;
import dev.rescue.eval.setup.DoctorReport.LanguageStatus;
import dev.rescue.testing.Requires;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The doctor on the real CWEval folder, over the real machine and over machines the test describes. */
class EvalDoctorTest {
  static Path data;
  static EvalHarness harness;

  @BeforeAll
  static void open() {
    Path shared = BenchmarkSource.sharedData(Path.of("").toAbsolutePath()).orElse(Path.of("../shared/data"));
    data = Requires.data(shared.resolve("cweval/benchmark"));
    harness = EvalHarness.open(SandboxLimits.defaults(), Toolchain.detect("/usr/bin/python3", null));
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  /** A doctor whose CWEval asks the same machine as the doctor's own listing. */
  static DoctorReport doctor(Machine machine) {
    Function<BenchmarkSource, Benchmark> opener =
        s -> new CwevalBenchmark(s.dir(), harness.toolchain(), harness.shims()).machine(machine);
    return new EvalDoctor(machine, opener, null, Map.of(), "/usr/bin/python3")
        .inspect(List.of(new BenchmarkSource("cweval", data, null)));
  }

  static Map<String, LanguageStatus> byLanguage(DoctorReport r) {
    return r.benchmarks().get(0).languages().stream().collect(Collectors.toMap(l -> l.language().id(), l -> l));
  }

  @Test
  void onAMachineWithEverythingNoTaskIsSkippedAndTheTasksAreCountedPerLanguage() {
    DoctorReport r = doctor(req -> true);
    BenchmarkStatus cweval = r.benchmarks().get(0);
    assertThat(cweval.status()).isEqualTo("ok");
    assertThat(cweval.tasks()).isEqualTo(119);
    assertThat(cweval.skipped()).isZero();
    Map<String, LanguageStatus> langs = byLanguage(r);
    assertThat(langs.keySet()).containsExactlyInAnyOrder("py", "c", "cpp", "js", "go");
    assertThat(langs.get("py").tasks()).isEqualTo(25);
    assertThat(langs.get("js").tasks()).isEqualTo(23);
    assertThat(langs.get("go").tasks()).isEqualTo(19);
    assertThat(langs.get("js").needs()).extracting(n -> n.requirement().name())
        .contains("node", "jsdom", "sqlite3", "argon2").doesNotContain("fs", "crypto");
    assertThat(r.missingDebianPackages()).isEmpty();
  }

  @Test
  void missingNeedsSkipExactlyTheTasksThatNameThemWithTheBenchmarksOwnReason() {
    Machine noJsdomNoSqliteGo = req -> !req.name().equals("jsdom") && !req.name().equals("github.com/mattn/go-sqlite3");
    DoctorReport r = doctor(noJsdomNoSqliteGo);
    Map<String, LanguageStatus> langs = byLanguage(r);
    assertThat(langs.get("js").skipped()).containsOnlyKeys(
        "npm package 'jsdom' not installed (run 'rescue eval setup', or give --node-path)");
    assertThat(langs.get("js").runnable()).isEqualTo(23 - 1);
    assertThat(langs.get("go").skipped()).hasSize(1).allSatisfy((reason, n) -> {
      assertThat(reason).contains("github.com/mattn/go-sqlite3").contains("golang-github-mattn-go-sqlite3-dev");
      assertThat(n).isEqualTo(1);
    });
    assertThat(langs.get("py").runnable()).isEqualTo(25);
    assertThat(r.skipped()).isEqualTo(2);
    assertThat(r.missingDebianPackages()).containsExactly("golang-github-mattn-go-sqlite3-dev");
    assertThat(r.missingNpmPackages()).containsExactly("jsdom");
  }

  @Test
  void theAptLineListsOnlyThePackagesOfMissingNeeds() {
    Set<String> absent = Set.of("go", "jwt.h", "yaml", "cppcheck", "codeql");
    DoctorReport r = doctor(req -> !absent.contains(req.name()));
    assertThat(r.missingDebianPackages()).containsExactlyInAnyOrder("golang-go", "libjwt-dev", "python3-yaml", "cppcheck");
    assertThat(AptLine.of(r.missingDebianPackages())).startsWith("apt-get install -y ").doesNotContain("gcc");
    // codeql has no Debian package: it is named apart, not put on the apt line
    assertThat(r.missingWithoutPackage()).extracting(Requirement::name).containsExactly("codeql");
    String text = DoctorText.render(r);
    assertThat(text).contains(AptLine.of(r.missingDebianPackages())).contains("MISSING  codeql");
  }

  @Test
  void onThisMachineTheDoctorCountsTheSkipsThatEvalWill() {
    Machine local = Machine.local(harness.toolchain(), harness.shims(), GoModules.debian());
    DoctorReport r = doctor(local);
    CwevalBenchmark b = new CwevalBenchmark(data, harness.toolchain(), harness.shims());
    long skippedByEval = b.tasks().stream().map(b::unavailable).filter(java.util.Optional::isPresent).count();
    assertThat(r.skipped()).isEqualTo((int) skippedByEval);
    if (Requires.inCi()) {
      // CI installs every Debian package and runs `rescue eval setup` (see .ci/run): nothing is skipped
      assertThat(r.benchmarks().get(0).languages()).allSatisfy(l -> assertThat(l.skipped()).as(l.language().id()).isEmpty());
    }
  }

  @Test
  void benchmarksWithoutDataOrAdapterAreReportedNotThrown() {
    DoctorReport r = new EvalDoctor(req -> true, s -> {
      throw new IllegalArgumentException("--benchmark: unknown kind '" + s.kind() + "'");
    }, null, Map.of(), "/usr/bin/python3").inspect(List.of(
        new BenchmarkSource("livecodebench", null, "no copy of LiveCodeBench's data is reachable here"),
        new BenchmarkSource("madeup", data, null)));
    assertThat(r.benchmarks()).extracting(BenchmarkStatus::status).containsExactly("no data", "not supported");
    assertThat(DoctorText.render(r)).contains("livecodebench: no data").contains("LiveCodeBench's data");
    assertThat(BenchmarkSource.defaults(data.getParent().getParent()))
        .filteredOn(s -> s.kind().equals("livecodebench")).singleElement()
        .satisfies(s -> assertThat(s.hasData()).isFalse());
  }

}
