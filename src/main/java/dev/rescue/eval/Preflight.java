package dev.rescue.eval;

import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before any sample is scored, runs one trivial program per language the selected tasks need, in the
 * sandbox and the way the benchmarks run samples: Python runs a script importing a module from the
 * sample folder (CWEval: pytest with the harness's plugin, whose report must appear), C and C++ are
 * compiled (with AddressSanitizer when CWEval sanitizes) and run, JavaScript runs under node, Go is
 * built and run. Every benchmark's tests are Python, so Python is always probed. A broken setup
 * then stops the run with what failed, the sandbox's own error and how to fix it, instead of scoring
 * every sample as an error.
 */
public final class Preflight {
  /** What failed, in the sandbox's words, and what to do about it. */
  public record Failure(Language language, String probe, String error, String fix) {
    public String message() {
      return "preflight: " + probe + " failed in the sandbox (" + language.id() + " tasks cannot be judged)\n"
          + "  sandbox error: " + error + "\n  fix: " + fix;
    }
  }

  /** Thrown by {@link EvalRun} when the preflight fails: nothing was scored. */
  public static final class FailedException extends RuntimeException {
    private final transient Failure failure;

    public FailedException(Failure failure) {
      super(failure.message());
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  private final Sandbox sandbox;
  private final Toolchain toolchain;
  private final Path shims;
  private final boolean pytest;
  private final boolean sanitize;

  /**
   * @param shims the harness's Python files, put on PYTHONPATH as the benchmarks do
   * @param pytest probe Python through pytest and the harness's plugin (CWEval's way)
   * @param sanitize compile C and C++ with AddressSanitizer (CWEval's default)
   */
  public Preflight(Sandbox sandbox, Toolchain toolchain, Path shims, boolean pytest, boolean sanitize) {
    this.sandbox = sandbox;
    this.toolchain = toolchain;
    this.shims = shims;
    this.pytest = pytest;
    this.sanitize = sanitize;
  }

  /** The preflight matching how a benchmark runs its samples. */
  public static Preflight of(Benchmark benchmark, EvalHarness harness, boolean sanitize) {
    boolean cweval = benchmark.kind().equals("cweval");
    return new Preflight(harness.sandbox(), harness.toolchain(), harness.shims(), cweval, cweval && sanitize);
  }

  /** Probes Python, then each language in the given order; the first failure, or empty when all ran. */
  public Optional<Failure> check(Set<Language> languages) {
    Set<Language> all = new LinkedHashSet<>();
    all.add(Language.PYTHON);
    all.addAll(languages);
    for (Language lang : all) {
      Optional<Failure> f = probe(lang);
      if (f.isPresent()) return f;
    }
    return Optional.empty();
  }

  Optional<Failure> probe(Language lang) {
    Path dir = sandbox.newSampleDir();
    try {
      return switch (lang) {
        case PYTHON -> pytest ? pytestProbe(dir) : pythonProbe(dir);
        case C -> nativeProbe(dir, Language.C, "gcc", List.of("gcc"), "probe.c",
            "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n");
        case CPP -> nativeProbe(dir, Language.CPP, "g++", List.of("g++", "-std=c++17"), "probe.cpp",
            "#include <iostream>\nint main() { std::cout << \"ok\" << std::endl; return 0; }\n");
        case JAVASCRIPT -> jsProbe(dir);
        case GO -> goProbe(dir);
        default -> Optional.empty(); // the benchmark skips tasks of languages the harness does not run
      };
    } catch (IOException e) {
      return Optional.of(new Failure(lang, "writing the probe into " + dir, e.toString(),
          "check that the sandbox folder is writable"));
    } finally {
      sandbox.cleanup(dir);
    }
  }

  private Map<String, String> pythonEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (shims != null) env.put("PYTHONPATH", shims.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    return env;
  }

  private Optional<Failure> pytestProbe(Path dir) throws IOException {
    write(dir, "probe_module.py", "def answer():\n    return 42\n");
    write(dir, "probe_test.py", "from probe_module import answer\n\n\ndef test_answer():\n    assert answer() == 42\n");
    String what = toolchain.python() + " + pytest (with the harness's plugin) running a test that imports a module";
    PytestRun pytest = PytestRun.of(sandbox, toolchain.python(), "probe_test.py", dir, pythonEnv(),
        Sandbox.Options.sample(sandbox.limits().wallSeconds()));
    SandboxRun run = pytest.run();
    if (pytest.session() != null && pytest.session().status() == PytestSession.Status.FINISHED
        && pytest.session().report().path("exitstatus").asInt(-1) == 0) {
      return Optional.empty();
    }
    if (run.ok()) {
      return Optional.of(fail(Language.PYTHON, what, run, "pytest passed but its plugin's report is "
          + (pytest.session() == null ? "missing" : pytest.session().status() + ": " + pytest.session().problem())));
    }
    return Optional.of(fail(Language.PYTHON, what, run, null));
  }

  private Optional<Failure> pythonProbe(Path dir) throws IOException {
    write(dir, "probe_module.py", "def answer():\n    return 42\n");
    write(dir, "probe_main.py", "from probe_module import answer\nassert answer() == 42\nprint('ok')\n");
    SandboxRun run = sandbox.run(List.of(toolchain.python(), "probe_main.py"), dir, pythonEnv());
    return okWith(run, "ok") ? Optional.empty()
        : Optional.of(fail(Language.PYTHON, toolchain.python() + " running a script that imports a module", run, null));
  }

  private Optional<Failure> nativeProbe(Path dir, Language lang, String compiler, List<String> compile, String source,
      String text) throws IOException {
    write(dir, source, text);
    Path compiled = Files.createDirectories(dir.resolve("compiled"));
    openUp(compiled);
    List<String> cmd = new ArrayList<>(compile);
    if (sanitize) cmd.add("-fsanitize=address");
    cmd.addAll(List.of("-o", "compiled/probe", source));
    String what = compiler + (sanitize ? " with AddressSanitizer" : "") + " compiling a hello-world";
    SandboxRun build = sandbox.build(cmd, dir, Map.of());
    if (!build.ok()) return Optional.of(fail(lang, what, build, null));
    Map<String, String> env = sanitize ? Map.of("ASAN_OPTIONS", "detect_leaks=0") : Map.of();
    SandboxRun run = sandbox.run(List.of("./compiled/probe"), dir, env, sandbox.limits().wallSeconds(), !sanitize);
    return okWith(run, "ok") ? Optional.empty()
        : Optional.of(fail(lang, "running what " + compiler + " compiled", run, null));
  }

  private Optional<Failure> jsProbe(Path dir) throws IOException {
    write(dir, "probe_module.js", "module.exports = { answer: () => 42 };\n");
    write(dir, "probe.js", "const { answer } = require('./probe_module.js');\nif (answer() !== 42) process.exit(1);\n"
        + "console.log('ok');\n");
    Map<String, String> env = toolchain.nodePath() == null ? Map.of() : Map.of("NODE_PATH", toolchain.nodePath().toString());
    SandboxRun run = sandbox.run(List.of("node", "probe.js"), dir, env);
    return okWith(run, "ok") ? Optional.empty()
        : Optional.of(fail(Language.JAVASCRIPT, "node running a script that requires a module", run, null));
  }

  private Optional<Failure> goProbe(Path dir) throws IOException {
    write(dir, "probe.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"ok\") }\n");
    Path compiled = Files.createDirectories(dir.resolve("compiled"));
    openUp(compiled);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOCACHE", sandbox.sharedDir("gocache").toString());
    env.put("GOPATH", sandbox.sharedDir("gopath").toString());
    env.put("GOPROXY", "off");
    env.put("GO111MODULE", "auto");
    SandboxRun build = sandbox.build(List.of("go", "build", "-o", "compiled/probe", "probe.go"), dir, env);
    if (!build.ok()) return Optional.of(fail(Language.GO, "go build of a hello-world", build, null));
    SandboxRun run = sandbox.run(List.of("./compiled/probe"), dir, Map.of());
    return okWith(run, "ok") ? Optional.empty() : Optional.of(fail(Language.GO, "running what go built", run, null));
  }

  private static boolean okWith(SandboxRun run, String expected) {
    return run.ok() && run.stdout().strip().equals(expected);
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    openUp(f);
  }

  /** The probe's files must be readable (and folders writable) by the sample user, as the benchmarks share theirs. */
  private static void openUp(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
  }

  /** Names the cause: a missing program or module, or else the sandbox's last words. */
  private Failure fail(Language lang, String what, SandboxRun run, String note) {
    String out = (run.stderr() + "\n" + run.stdout()).strip();
    String error = note != null ? note + (out.isEmpty() ? "" : ": " + tail(out))
        : run.timedOut() ? "timed out after " + sandbox.limits().wallSeconds() + " s"
        : "exit " + run.exit() + (out.isEmpty() ? "" : ": " + tail(out));
    String lower = out.toLowerCase(Locale.ROOT);
    String fix;
    if ((run.exit() == 127 || run.exit() == 126) && (lower.contains("cannot start")
        || lower.contains("no such file") || lower.contains("not found"))) {
      fix = "install " + debianPackage(lang, what) + " or give the program's path"
          + (lang == Language.PYTHON ? " with --python" : " on the PATH");
    } else if (lower.contains("no module named pytest")) {
      fix = "install python3-pytest (Debian) for " + toolchain.python() + ", or give a Python that has pytest with --python";
    } else if (lower.contains("rescue_pytest_plugin")) {
      fix = "the harness's pytest plugin in " + shims + " is not importable by the sandbox user: check that folder's permissions";
    } else if (lower.contains("asan") || lower.contains("sanitizer")) {
      fix = "install the AddressSanitizer runtime (Debian libasan8 with gcc 12) or run with --no-sanitize";
    } else if (lower.contains("permission denied")) {
      fix = "the sandbox user was refused a file: check the permissions of the programs and of " + shims
          + " (the sandbox's isolation: rescue eval doctor)";
    } else {
      fix = "run the probe by hand to see why: " + what;
    }
    return new Failure(lang, what, error, fix);
  }

  private static String tail(String s) {
    List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String t = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    return t.length() > 500 ? t.substring(t.length() - 500) : t;
  }

  private String debianPackage(Language lang, String what) {
    return switch (lang) {
      case PYTHON -> "python3 (Debian python3" + (pytest ? ", python3-pytest" : "") + ")";
      case C -> "gcc (Debian gcc)";
      case CPP -> "g++ (Debian g++)";
      case JAVASCRIPT -> "node (Debian nodejs)";
      case GO -> "go (Debian golang-go)";
      default -> what;
    };
  }

}
