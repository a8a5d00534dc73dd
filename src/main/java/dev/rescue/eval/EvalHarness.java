package dev.rescue.eval;

import dev.rescue.eval.oracle.SecurityOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sandbox, the toolchain and the harness's Python files of one evaluation, closed together. */
public final class EvalHarness implements AutoCloseable {
  private final Sandbox sandbox;
  private final Toolchain toolchain;
  private final Path shims;

  private EvalHarness(Sandbox sandbox, Toolchain toolchain, Path shims) {
    this.sandbox = sandbox;
    this.toolchain = toolchain;
    this.shims = shims;
  }

  public static EvalHarness open(SandboxLimits limits, Toolchain toolchain) {
    Sandbox sandbox = Sandbox.create(limits);
    Path shims = HarnessFiles.install(sandbox.sharedDir("python"));
    return new EvalHarness(sandbox, toolchain, shims);
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  public Toolchain toolchain() {
    return toolchain;
  }

  public Path shims() {
    return shims;
  }

  /** The static analysers installed here (the benchmarks' dynamic tests are not listed). */
  public List<String> oracleNames() {
    List<String> names = new ArrayList<>();
    for (SecurityOracle o : List.of(new dev.rescue.eval.oracle.CodeqlOracle(), new dev.rescue.eval.oracle.BanditOracle(),
        new dev.rescue.eval.oracle.CppcheckOracle(), new dev.rescue.eval.oracle.FlawfinderOracle())) {
      if (o.available()) names.add(o.name());
    }
    return names;
  }

  public List<String> compatibilityModules() {
    return HarnessFiles.COMPATIBILITY;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
