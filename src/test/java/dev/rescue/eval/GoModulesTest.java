package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CWEval's Go tasks that import modules outside the standard library, over Debian's Go sources. */
class GoModulesTest {
  static final Path DATA = Path.of("../shared/data/cweval/benchmark");
  static final List<String> NON_STANDARD = List.of("core/go/cwe_347_0_go", "core/go/cwe_643_0_go",
      "core/go/cwe_760_0_go", "core/go/cwe_943_0_go");
  static Path data;
  static EvalHarness harness;
  static CwevalBenchmark benchmark;

  @BeforeAll
  static void open() {
    data = Files.isDirectory(DATA) ? DATA : Path.of("../../shared/data/cweval/benchmark");
    Requires.data(data);
    harness = EvalHarness.open(SandboxLimits.defaults().withWallSeconds(120), Toolchain.detect("/usr/bin/python3", null));
    benchmark = new CwevalBenchmark(data, harness.toolchain(), harness.shims());
  }

  @AfterAll
  static void close() {
    if (harness != null) harness.close();
  }

  static EvalTask task(String id) {
    return benchmark.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aMissingModuleIsNamedWithTheDebianPackageThatBringsIt(@TempDir Path emptyGoTree) {
    Requires.tool("go");
    Machine noGoModules = Machine.local(harness.toolchain(), harness.shims(), new GoModules(emptyGoTree));
    CwevalBenchmark b = new CwevalBenchmark(data, harness.toolchain(), harness.shims()).machine(noGoModules);
    assertThat(b.unavailable(task("core/go/cwe_943_0_go"))).hasValue(
        "Go module 'github.com/mattn/go-sqlite3' not installed (Debian golang-github-mattn-go-sqlite3-dev; "
            + "built with cgo: needs gcc and libsqlite3-dev)");
    assertThat(b.unavailable(task("core/go/cwe_643_0_go")))
        .hasValueSatisfying(r -> assertThat(r).contains("github.com/ChrisTrenkamp/goxpath")
            .contains("golang-github-christrenkamp-goxpath-dev"));
    assertThat(b.unavailable(task("core/go/cwe_760_0_go")))
        .hasValueSatisfying(r -> assertThat(r).contains("golang.org/x/crypto").contains("golang-golang-x-crypto-dev"));
    // the standard library needs no module
    assertThat(b.unavailable(task("core/go/cwe_020_0_go"))).isEmpty();
  }

  @Test
  void anImportNoDebianPackageBringsSaysSo() {
    Requirement r = GoModules.requirement("example.com/nowhere/pkg");
    assertThat(r.debianPackage()).isNull();
    assertThat(r.missingReason()).contains("example.com/nowhere/pkg").contains("no module proxy");
    assertThat(GoModules.requirement("github.com/ChrisTrenkamp/goxpath/tree/xmltree").name())
        .isEqualTo("github.com/ChrisTrenkamp/goxpath");
    assertThat(GoModules.standard("encoding/json")).isTrue();
  }

  @Test
  void theFourSecureReferencesBuildOfflineAndPassOverDebiansSources() throws Exception {
    Requires.tool("go");
    for (String pkg : List.of("github.com/golang-jwt/jwt", "golang.org/x/crypto", "github.com/ChrisTrenkamp/goxpath",
        "github.com/mattn/go-sqlite3")) {
      Requires.that(Files.isDirectory(GoModules.DEBIAN.resolve("src").resolve(pkg)),
          pkg + " not under " + GoModules.DEBIAN + " (.ci/run installs its golang-*-dev package)");
    }
    for (String id : NON_STANDARD) {
      EvalTask t = task(id);
      assertThat(benchmark.unavailable(t)).as(id).isEmpty();
      Verdict v = benchmark.score(t, Files.readString(t.source()), harness.sandbox());
      assertThat(v.functional()).as(id + ": " + v.reason()).isEqualTo(Functional.PASS);
      assertThat(v.secure()).as(id + ": " + v.reason()).isTrue();
    }
    // jwt/v5 is served by Debian's v4: its security tests still tell the unsafe reference apart
    EvalTask jwt = task("core/go/cwe_347_0_go");
    Verdict unsafe = benchmark.score(jwt, Files.readString(jwt.source().resolveSibling("cwe_347_0_go_unsafe.go")),
        harness.sandbox());
    assertThat(unsafe.functional()).as(unsafe.reason()).isEqualTo(Functional.PASS);
    assertThat(unsafe.secure()).as(unsafe.reason()).isFalse();
  }
}
