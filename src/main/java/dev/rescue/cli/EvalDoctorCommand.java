package dev.rescue.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.Benchmarks;
import dev.rescue.eval.EvalHarness;
import dev.rescue.eval.GoModules;
import dev.rescue.eval.Machine;
import dev.rescue.eval.SandboxLimits;
import dev.rescue.eval.Toolchain;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.eval.setup.AptLine;
import dev.rescue.eval.setup.BenchmarkSource;
import dev.rescue.eval.setup.DoctorReport;
import dev.rescue.eval.setup.DoctorText;
import dev.rescue.eval.setup.EvalDoctor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
    header = "Say what this machine can evaluate: toolchains, oracles, packages, and the tasks that will be skipped.",
    description = {
      "Per benchmark and language: the tools, security oracles, Python modules, C headers, npm packages and",
      "Go modules the tasks need, found or missing, and how many tasks `rescue eval` will skip and why (the",
      "benchmark's own check, so both agree). Without --benchmark, the benchmarks under ../shared/data.",
      "Ends with the apt-get line for what is missing; exits 0 either way."})
final class EvalDoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--benchmark", paramLabel = "KIND:DIR", description = "A benchmark and its folder (repeatable).")
  List<String> benchmarks;

  @Option(names = "--json", description = "The report as JSON, for machines.")
  boolean json;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
      description = "Python that runs the tests. Default: ${DEFAULT-VALUE}.")
  String python;

  @Option(names = "--node-path", paramLabel = "DIR",
      description = "node_modules folder for JavaScript tasks (default: env RESCUE_EVAL_NODE_PATH, else the one "
          + "`rescue eval setup` installed).")
  Path nodePath;

  @Override
  public Integer call() {
    DoctorReport report = inspect(sources(benchmarks), python, nodeOption(nodePath));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? toJson(report) : DoctorText.render(report));
    out.flush();
    return ExitCodes.OK;
  }

  /** The given benchmarks, else every known one under the shared data folder. */
  static List<BenchmarkSource> sources(List<String> specs) {
    if (specs != null && !specs.isEmpty()) return specs.stream().map(BenchmarkSource::parse).toList();
    return BenchmarkSource.defaults(BenchmarkSource.sharedData(Path.of("").toAbsolutePath()).orElse(null));
  }

  /** --node-path, else RESCUE_EVAL_NODE_PATH, else null (the toolchain's default), as `rescue eval` does. */
  static Path nodeOption(Path option) {
    if (option != null) return option;
    String env = System.getenv("RESCUE_EVAL_NODE_PATH");
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  /** The doctor over this machine, asking the same toolchain, Python files and Go tree as `rescue eval`. */
  static DoctorReport inspect(List<BenchmarkSource> sources, String python, Path nodePath) {
    try (EvalHarness h = EvalHarness.open(SandboxLimits.defaults(), Toolchain.detect(python, nodePath))) {
      Machine machine = Machine.local(h.toolchain(), h.shims(), GoModules.debian());
      EvalDoctor doctor = new EvalDoctor(machine,
          s -> Benchmarks.open(s.spec(), h.toolchain(), h.shims(), SecurityOracles.standard(), true),
          h.toolchain().nodePath(), h.sandbox().describe(), python);
      return doctor.inspect(sources);
    }
  }

  static String toJson(DoctorReport report) {
    // snake_case, as summary.json writes its fields
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    ObjectNode root = m.valueToTree(report);
    root.put("tasks", report.tasks());
    root.put("skipped", report.skipped());
    root.putPOJO("missing_debian_packages", report.missingDebianPackages());
    root.put("apt_line", AptLine.of(report.missingDebianPackages()));
    return root.toPrettyString() + "\n";
  }
}
