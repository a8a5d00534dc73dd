package dev.rescue.cli;

import dev.rescue.eval.Requirement;
import dev.rescue.eval.setup.AptLine;
import dev.rescue.eval.setup.DoctorReport;
import dev.rescue.eval.setup.NodePackages;
import dev.rescue.eval.setup.SetupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
    header = "Install, without root, what the benchmarks need; print the apt-get line for the rest.",
    description = {
      "Installs CWEval's npm packages with npm ci from rescue's lock file into the cache",
      "(<cache>/eval/node, where `rescue eval` finds them without --node-path) and loads each, so a broken",
      "native build shows here. Then prints the one `apt-get install -y ...` line for the Debian packages",
      "still missing (runtimes, oracles, Python modules, C headers, Go module sources).",
      "Exits 0 when everything it can do without root is done, 1 when a step failed."})
final class EvalSetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--benchmark", paramLabel = "KIND:DIR",
      description = "Only what this benchmark needs (repeatable; default: those under ../shared/data).")
  List<String> benchmarks;

  @Option(names = "--node-dir", paramLabel = "DIR",
      description = "Where to install the npm packages (default: <cache>/eval/node).")
  Path nodeDir;

  @Option(names = "--force", description = "Reinstall the npm packages even when up to date.")
  boolean force;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
      description = "Python that runs the tests. Default: ${DEFAULT-VALUE}.")
  String python;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodePackages node = nodeDir == null ? NodePackages.inCache() : new NodePackages(nodeDir);
    boolean failed = false;
    String cannot = NodePackages.cannotInstall();
    if (cannot != null) {
      out.println("npm packages: not installed: " + cannot + "; run the apt-get line below, then setup again");
    } else {
      out.println("npm packages: npm ci into " + node.dir() + " unless up to date (a minute or more: sqlite3 builds from source)");
      out.flush();
      try {
        NodePackages.Outcome o = node.install(force);
        if (o.ok()) {
          out.println("npm packages: " + (o.ranNpm() ? "installed" : "already up to date") + " in " + node.nodeModules());
        } else {
          failed = true;
          err.println("npm packages: installed, but these do not load with " + "node:");
          o.broken().forEach(b -> err.println("  " + b));
        }
      } catch (SetupException e) {
        failed = true;
        err.println("npm packages: " + e.getMessage());
      }
    }
    // the doctor looks at this folder whatever --node-path or the environment say: it is what setup made
    DoctorReport report = EvalDoctorCommand.inspect(EvalDoctorCommand.sources(benchmarks), python, node.nodeModules());
    if (report.nodePathNote() != null && cannot == null) out.println("warning: npm packages " + report.nodePathNote());
    List<String> apt = report.missingDebianPackages();
    if (apt.isEmpty()) {
      out.println("Debian packages: nothing missing");
    } else {
      out.println("Debian packages missing; as root run:");
      out.println("  " + AptLine.of(apt));
    }
    for (Requirement r : report.missingWithoutPackage()) out.println("not from apt: " + r.missingReason());
    out.printf("%d tasks, %d will be skipped (rescue eval doctor says which and why)%n", report.tasks(), report.skipped());
    out.flush();
    err.flush();
    return failed ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
  }
}
