package dev.rescue.eval.setup;

import dev.rescue.eval.Benchmark;
import dev.rescue.eval.EvalTask;
import dev.rescue.eval.Machine;
import dev.rescue.eval.Requirement;
import dev.rescue.eval.Requirements;
import dev.rescue.eval.Toolchain;
import dev.rescue.eval.setup.DoctorReport.BenchmarkStatus;
import dev.rescue.eval.setup.DoctorReport.LanguageStatus;
import dev.rescue.eval.setup.DoctorReport.NeedStatus;
import dev.rescue.model.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks at the machine for each benchmark: the skip counts come from each benchmark's own
 * {@code unavailable(task)}, so the doctor and {@code rescue eval} agree by construction, and the
 * needs listed are {@link Requirements}', checked by the same {@link Machine}.
 */
public final class EvalDoctor {
  private final Machine machine;
  private final Function<BenchmarkSource, Benchmark> opener;
  private final Path nodePath;
  private final Map<String, Object> sandbox;
  private final String python;

  /**
   * @param opener opens a benchmark folder (throws IllegalArgumentException for a kind this build lacks)
   * @param nodePath the npm packages folder the toolchain uses, or null
   * @param sandbox the sandbox's description, for the report
   * @param python the interpreter the tests run with
   */
  public EvalDoctor(Machine machine, Function<BenchmarkSource, Benchmark> opener, Path nodePath,
      Map<String, Object> sandbox, String python) {
    this.python = python;
    this.machine = machine;
    this.opener = opener;
    this.nodePath = nodePath;
    this.sandbox = sandbox;
  }

  /** The tools the harness and {@code rescue eval setup} use, whatever the benchmark. */
  static List<Requirement> machineNeeds() {
    List<Requirement> out = new ArrayList<>();
    for (Language lang : Toolchain.languages()) out.add(Requirements.languageTool(lang));
    out.add(Requirements.pythonModule("pytest"));
    out.add(Requirements.tool("npm", "npm"));
    // node-gyp builds the npm packages without a prebuilt binary (sqlite3) from source
    out.add(Requirements.tool("make", "make"));
    out.add(new Requirement(Requirement.Kind.C_HEADER, "node/node_api.h", "libnode-dev",
        "node's headers, for node-gyp; NodeSource's nodejs brings them too"));
    for (String o : List.of("bandit", "cppcheck", "flawfinder", "codeql")) out.add(Requirements.oracle(o));
    out.addAll(Requirements.sandbox());
    return List.copyOf(new LinkedHashSet<>(out));
  }

  public DoctorReport inspect(List<BenchmarkSource> sources) {
    List<NeedStatus> tools = new ArrayList<>();
    for (Requirement r : machineNeeds()) {
      boolean found = machine.has(r);
      tools.add(new NeedStatus(r, found, found ? version(r, python) : null));
    }
    List<BenchmarkStatus> benchmarks = new ArrayList<>();
    for (BenchmarkSource s : sources) benchmarks.add(inspect(s));
    return new DoctorReport(tools, sandbox, nodePath == null ? null : nodePath.toString(), nodePathNote(), benchmarks);
  }

  private BenchmarkStatus inspect(BenchmarkSource s) {
    if (!s.hasData()) {
      return new BenchmarkStatus(s.kind(), s.dir() == null ? null : s.dir().toString(), "no data",
          s.note() != null ? s.note() : "folder not found", 0, 0, List.of(), List.of());
    }
    Benchmark b;
    try {
      b = opener.apply(s);
    } catch (IllegalArgumentException e) {
      boolean unknownKind = e.getMessage() != null && e.getMessage().contains("unknown kind");
      return new BenchmarkStatus(s.kind(), s.dir().toString(), unknownKind ? "not supported" : "unreadable",
          e.getMessage(), 0, 0, List.of(), List.of());
    }
    // in the order of the languages' ids, as the report has always listed them
    Map<Language, List<EvalTask>> byLanguage = new TreeMap<>(Comparator.comparing(Language::id));
    for (EvalTask t : b.tasks()) byLanguage.computeIfAbsent(t.language(), k -> new ArrayList<>()).add(t);
    List<LanguageStatus> languages = new ArrayList<>();
    int total = 0;
    int skipped = 0;
    for (var e : byLanguage.entrySet()) {
      Map<String, Integer> reasons = new TreeMap<>();
      Set<Requirement> needs = new LinkedHashSet<>(Requirements.oracles(b.kind(), e.getKey()));
      for (EvalTask t : e.getValue()) {
        Optional<String> why = b.unavailable(t);
        why.ifPresent(r -> reasons.merge(r, 1, Integer::sum));
        try {
          needs.addAll(Requirements.of(b.kind(), t));
        } catch (RuntimeException ex) {
          // an unreadable task file: unavailable() already names it
        }
      }
      int n = e.getValue().size();
      int skip = reasons.values().stream().mapToInt(Integer::intValue).sum();
      List<NeedStatus> statuses = new ArrayList<>();
      for (Requirement r : needs) {
        boolean found = machine.has(r);
        // the standard library's modules are needs too, but listing them tells nobody anything
        if (found && r.debianPackage() == null && r.note() == null) continue;
        statuses.add(new NeedStatus(r, found, null));
      }
      languages.add(new LanguageStatus(e.getKey(), n, n - skip, reasons, statuses));
      total += n;
      skipped += skip;
    }
    return new BenchmarkStatus(b.kind(), s.dir().toString(), "ok", null, total, skipped, b.problems(), languages);
  }

  /**
   * Where the npm packages are, or what to do when there are none. Their folder need not be
   * reachable by others: the sandbox shows it to every sample read-only (EvalHarness.visibleTo).
   */
  private String nodePathNote() {
    return nodePath == null ? "no npm packages folder: run 'rescue eval setup' (or give --node-path)" : null;
  }

  /** The tool's version line, or null when it prints none quickly. */
  static String version(Requirement r, String python) {
    if (r.kind() != Requirement.Kind.TOOL && r.kind() != Requirement.Kind.ORACLE) return null;
    List<String> cmd = switch (r.name()) {
      case "python3" -> List.of(python, "--version");
      case "go" -> List.of("go", "version");
      case "codeql" -> List.of("codeql", "version");
      default -> List.of(r.name(), "--version");
    };
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String first = new String(p.getInputStream().readAllBytes()).strip().lines().findFirst().orElse("");
      return first.isEmpty() ? null : first.length() > 80 ? first.substring(0, 80) : first;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
