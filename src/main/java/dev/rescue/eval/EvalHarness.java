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
    Sandbox sandbox = Sandbox.create(limits, visibleTo(toolchain));
    Path shims = HarnessFiles.install(sandbox.harnessDir("python"));
    return new EvalHarness(sandbox, toolchain, shims);
  }

  /**
   * What the toolchain needs in the samples' view beyond the system's folders: the node_modules
   * folder, and the installation prefix of an interpreter given by an absolute path outside them
   * ({@code /opt/py/bin/python3} needs {@code /opt/py}).
   */
  static List<Path> visibleTo(Toolchain toolchain) {
    List<Path> paths = new ArrayList<>();
    if (toolchain.nodePath() != null) paths.add(toolchain.nodePath());
    Path python = Path.of(toolchain.python());
    if (python.isAbsolute() && java.nio.file.Files.isExecutable(python)) {
      try {
        Path real = python.toRealPath();
        Path prefix = real.getParent() != null && real.getParent().getParent() != null ? real.getParent().getParent() : real;
        if (!prefix.toString().equals("/usr") && !prefix.toString().equals("/")) paths.add(prefix);
      } catch (java.io.IOException e) {
        // unresolvable: the sample runs without it and says so
      }
    }
    return paths;
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
