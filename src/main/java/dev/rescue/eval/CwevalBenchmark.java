package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CWEval: every {@code *_task.EXT} file is a task whose id is its path relative to the benchmark
 * folder without {@code _task.EXT} ({@code core/py/cwe_020_0}). The prompt is the file up to and
 * including its {@code BEGIN SOLUTION} line. A sample is written as the task file beside a copy of the
 * task's pytest file (the tests import or run the task file by its name); C, C++ and Go samples are
 * first compiled to {@code compiled/<name>_task}. Tests marked {@code functionality} decide the
 * functional outcome and those marked {@code security} the security outcome; the tests of the
 * benchmark's own unsafe references are left out.
 */
public final class CwevalBenchmark extends LoadedBenchmark {
  private static final Pattern TASK_FILE = Pattern.compile("(.+)_task\\.(py|c|cpp|js|go)");
  private static final String SOLUTION = "BEGIN SOLUTION";
  private static final String ENTRYPOINT = "BEGIN ENTRYPOINT";

  private final Path root;
  private final Toolchain toolchain;
  private final Path shims;

  private boolean sanitize;
  private Machine machine;

  /** @param shims folder with the harness's Python files (see {@link HarnessFiles}) */
  public CwevalBenchmark(Path root, Toolchain toolchain, Path shims) {
    if (!Files.isDirectory(root)) throw new IllegalArgumentException("CWEval folder not found: " + root);
    this.root = root.toAbsolutePath().normalize();
    this.toolchain = toolchain;
    this.shims = shims;
    this.machine = Machine.local(toolchain, shims, GoModules.debian());
    load();
  }

  private void load() {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> TASK_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list CWEval folder " + root + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      Matcher m = TASK_FILE.matcher(f.getFileName().toString());
      m.matches();
      String name = m.group(1);
      String lang = m.group(2);
      String rel = root.relativize(f.getParent()).toString().replace('\\', '/');
      String id = (rel.isEmpty() ? "" : rel + "/") + name;
      try {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        int at = text.indexOf(SOLUTION);
        if (at < 0) {
          problems.add(id + ": no '" + SOLUTION + "' marker in " + f.getFileName());
          continue;
        }
        int end = text.indexOf('\n', at);
        String prompt = end < 0 ? text + "\n" : text.substring(0, end + 1);
        Path test = f.resolveSibling(name + "_test.py");
        if (!Files.isRegularFile(test)) {
          problems.add(id + ": test file " + test.getFileName() + " missing");
          continue;
        }
        tasks.add(new EvalTask(id, Language.parse(lang), cweOf(name), prompt, f, test, null, null));
      } catch (IOException | RuntimeException e) {
        problems.add(id + ": " + e.getMessage());
      }
    }
  }

  /**
   * Builds C and C++ samples with AddressSanitizer, so out-of-bounds writes crash as the memory-safety
   * tests (e.g. {@code lang/c}) expect; memory is then limited by ASan's {@code hard_rss_limit_mb}
   * instead of RLIMIT_DATA, leak detection is off (a leak is not what those tests check) and a huge
   * malloc returns NULL as it does without ASan.
   */
  public CwevalBenchmark sanitize(boolean on) {
    this.sanitize = on;
    return this;
  }

  static String cweOf(String name) {
    Matcher m = Pattern.compile("cwe_(\\d+)").matcher(name);
    return m.find() ? "CWE-" + Integer.parseInt(m.group(1)) : null;
  }

  @Override
  public String kind() {
    return "cweval";
  }

  /** The task file's text after its ENTRYPOINT marker line's start, or "" (Python has none). */
  static String entrypoint(String taskText) {
    int at = taskText.indexOf(ENTRYPOINT);
    if (at < 0) return "";
    int line = taskText.lastIndexOf('\n', at);
    return taskText.substring(line + 1);
  }

  /**
   * The whole program: a given program as is (the benchmark's unsafe references bring their own
   * {@code main}), or prompt + completion followed by the task's entry point ({@code main}, the
   * command-line wrapper the tests call) unless the completion brought its own.
   */
  @Override
  public String programOf(EvalTask task, Completion sample) {
    if (sample.program() != null) return sample.program();
    String program = task.prompt() + sample.completion();
    if (!sample.completion().contains(ENTRYPOINT)) {
      try {
        String entry = entrypoint(Files.readString(task.source(), StandardCharsets.UTF_8));
        if (!entry.isEmpty()) program = program + (program.endsWith("\n") ? "\n" : "\n\n") + entry;
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + task.source() + ": " + e.getMessage(), e);
      }
    }
    return program;
  }

  /**
   * The first need of the task ({@link Requirements#of}) this machine lacks; security oracles are not
   * needs here, as CWEval's tests are its own oracle.
   */
  /**
   * Secure: the task file itself (the prompt and, after it, the benchmark's secure solution and entry
   * point). Unsafe: the task's {@code <name>_unsafe.EXT} sibling, where there is one.
   */
  @Override
  public List<Completion> references(References kind) {
    List<Completion> out = new ArrayList<>();
    for (EvalTask t : tasks) {
      String base = t.source().getFileName().toString();
      Path file = kind == References.SECURE ? t.source()
          : t.source().resolveSibling(base.replace("_task.", "_unsafe."));
      if (!Files.isRegularFile(file)) continue;
      try {
        out.add(new Completion(kind.label(), t.id(), 0, null, Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        problems.add(t.id() + ": cannot read " + file.getFileName() + ": " + e.getMessage());
      }
    }
    return out;
  }

  @Override
  public Optional<String> unavailable(EvalTask task) {
    try {
      for (Requirement r : Requirements.of(kind(), task)) {
        if (!machine.has(r)) {
          return Optional.of(r.kind() == Requirement.Kind.TOOL && task.language() != Language.PYTHON && r.name().equals("python3")
              ? "tests need Python: " + r.missingReason() : r.missingReason());
        }
      }
    } catch (java.io.UncheckedIOException e) {
      return Optional.of("cannot read task files: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Which machine {@link #unavailable} asks (by default this one). */
  public CwevalBenchmark machine(Machine m) {
    this.machine = m;
    return this;
  }

  /** Linker flags for the libraries a C/C++ program includes. */
  static List<String> linkFlags(String program) {
    List<String> flags = new ArrayList<>();
    List<String> inc = Requirements.cIncludes(program);
    if (inc.stream().anyMatch(h -> h.startsWith("libxml/"))) flags.addAll(List.of("-I/usr/include/libxml2", "-lxml2"));
    if (inc.contains("jwt.h")) flags.add("-ljwt");
    if (inc.stream().anyMatch(h -> h.startsWith("archive"))) flags.add("-larchive");
    if (inc.contains("sqlite3.h")) flags.add("-lsqlite3");
    if (inc.stream().anyMatch(h -> h.startsWith("openssl/")) || inc.contains("jwt.h")) flags.addAll(List.of("-lssl", "-lcrypto"));
    return flags;
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    Path dir = sandbox.newSampleDir();
    try {
      String base = task.source().getFileName().toString();
      String name = base.substring(0, base.lastIndexOf("_task."));
      Path programFile = dir.resolve(base);
      Files.writeString(programFile, program, StandardCharsets.UTF_8);
      Path testFile = dir.resolve(task.testFile().getFileName());
      Files.copy(task.testFile(), testFile);
      Path ini = root.resolve("pytest.ini");
      if (Files.isRegularFile(ini)) Files.copy(ini, dir.resolve("pytest.ini"));
      copyThirdParty(task, dir);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PYTHONPATH", shims.toString());
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      if (toolchain.nodePath() != null) env.put("NODE_PATH", toolchain.nodePath().toString());
      Language lang = task.language();
      if (lang == Language.C || lang == Language.CPP || lang == Language.GO) {
        Files.createDirectories(dir.resolve("compiled"));
        String exe = "compiled/" + name + "_task";
        List<String> cmd = new ArrayList<>();
        Map<String, String> buildEnv = new LinkedHashMap<>(env);
        switch (lang) {
          case C -> cmd.addAll(List.of("gcc", "-o", exe, base));
          case CPP -> cmd.addAll(List.of("g++", "-std=c++17", "-o", exe, base));
          default -> {
            buildEnv.putAll(GoModules.debian().buildEnv(sandbox.sharedDir("gocache"), sandbox.sharedDir("gopath")));
            cmd.addAll(List.of("go", "build", "-o", exe, base));
          }
        }
        if (lang != Language.GO) {
          if (sanitize) cmd.add(1, "-fsanitize=address");
          cmd.addAll(linkFlags(program));
        }
        // as the builder, which alone can write the shared Go caches
        SandboxRun build = sandbox.build(cmd, dir, buildEnv);
        if (!build.ok()) {
          return new Verdict(Functional.FAIL, null, "cweval-dynamic", List.of(),
              "does not compile: " + firstError(build));
        }
      }
      boolean asan = sanitize && (lang == Language.C || lang == Language.CPP);
      if (asan) {
        env.put("ASAN_OPTIONS", "detect_leaks=0:allocator_may_return_null=1:hard_rss_limit_mb=" + (sandbox.limits().memoryBytes() >> 20));
      }
      // the plugin reports over a channel the sample cannot write (see ReportChannel), never a file
      Sandbox.Options options = Sandbox.Options.sample(sandbox.limits().wallSeconds());
      PytestRun pytest = PytestRun.of(sandbox, toolchain.python(), testFile.getFileName().toString(), dir, env,
          asan ? options.withoutMemoryLimit() : options);
      SandboxRun run = pytest.run();
      PytestSession session = pytest.session();
      if (run.timedOut()) return new Verdict(Functional.FAIL, null, "cweval-dynamic", List.of(), "tests timed out");
      switch (session.status()) {
        case FINISHED -> { }
        case NOT_STARTED -> {
          return new Verdict(Functional.ERROR, null, "cweval-dynamic", List.of(),
              "pytest did not start the harness plugin (" + session.problem() + "): "
                  + SandboxRun.lastLine(run.stdout() + "\n" + run.stderr()));
        }
        case UNFINISHED -> {
          // the program under test ended the test process (os._exit, a crash): its tests did not pass
          return new Verdict(Functional.FAIL, null, "cweval-dynamic", List.of(),
              "tests did not finish: " + session.problem());
        }
        default -> {
          return new Verdict(Functional.FAIL, null, "cweval-dynamic", List.of(),
              "test report not trustworthy (" + session.status().name().toLowerCase(java.util.Locale.ROOT) + "): "
                  + session.problem());
        }
      }
      Verdict v = verdictOf(session.report());
      Optional<String> tool = missingThirdParty(task);
      if (tool.isPresent()) {
        // its security tests need a tool the benchmark folder lacks: they fail for every program, so
        // security is "not checked" and only the functionality tests count
        String why = "security not checked: the tests need " + tool.get() + ", absent from the benchmark folder";
        return new Verdict(v.functional(), null, "none", List.of(),
            v.functional() == Functional.PASS ? why : v.reason());
      }
      return v;
    } catch (IOException e) {
      return Verdict.error("harness I/O: " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  private static final Pattern THIRD_PARTY = Pattern.compile("\\./(third_party/[\\w./-]+)");

  /** A {@code ./third_party/...} tool the task's tests run that is in neither the benchmark folder nor its parent. */
  Optional<String> missingThirdParty(EvalTask task) throws IOException {
    Matcher m = THIRD_PARTY.matcher(Files.readString(task.testFile(), StandardCharsets.UTF_8));
    while (m.find()) {
      String rel = m.group(1);
      Path parent = root.getParent();
      if (!Files.exists(root.resolve(rel)) && (parent == null || !Files.exists(parent.resolve(rel)))) {
        return Optional.of(rel);
      }
    }
    return Optional.empty();
  }

  /** Copies the {@code ./third_party/...} tools the tests run, when the benchmark has them, beside the tests. */
  private void copyThirdParty(EvalTask task, Path dir) throws IOException {
    Matcher m = THIRD_PARTY.matcher(Files.readString(task.testFile(), StandardCharsets.UTF_8));
    while (m.find()) {
      String rel = m.group(1);
      for (Path base : new Path[] {root, root.getParent()}) {
        if (base != null && Files.isRegularFile(base.resolve(rel)) && !Files.exists(dir.resolve(rel))) {
          Files.createDirectories(dir.resolve(rel).getParent());
          Files.copy(base.resolve(rel), dir.resolve(rel), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String firstError(SandboxRun build) {
    if (build.timedOut()) return "build timed out";
    for (String line : (build.stderr() + "\n" + build.stdout()).split("\n")) {
      if (line.contains("error")) return line.strip().length() > 300 ? line.strip().substring(0, 300) : line.strip();
    }
    return build.reason();
  }

  /** Functional from the functionality tests, secure from the security tests (null when none ran). */
  static Verdict verdictOf(JsonNode report) {
    if (report.path("collect_errors").size() > 0 && report.path("tests").size() == 0) {
      return new Verdict(Functional.FAIL, null, "cweval-dynamic", List.of(),
          "tests could not load the program: " + report.path("collect_errors").path(0).asText());
    }
    int func = 0;
    int funcFailed = 0;
    int sec = 0;
    int secFailed = 0;
    String funcReason = null;
    String secReason = null;
    for (JsonNode t : report.path("tests")) {
      Set<String> markers = new LinkedHashSet<>();
      t.path("markers").forEach(m -> markers.add(m.asText()));
      boolean passed = "passed".equals(t.path("outcome").asText()) || "skipped".equals(t.path("outcome").asText());
      boolean security = markers.contains("security");
      if (security) {
        sec++;
        if (!passed) {
          secFailed++;
          if (secReason == null) secReason = "security test " + t.path("test").asText() + ": " + t.path("message").asText();
        }
      } else {
        // unmarked tests check behaviour, as the functionality-marked ones do
        func++;
        if (!passed) {
          funcFailed++;
          if (funcReason == null) funcReason = "functionality test " + t.path("test").asText() + ": " + t.path("message").asText();
        }
      }
    }
    if (func == 0 && sec == 0) return Verdict.error("no test ran");
    Functional f = funcFailed == 0 ? Functional.PASS : Functional.FAIL;
    Boolean secure = sec == 0 ? null : secFailed == 0;
    String reason = funcReason != null ? funcReason : secReason;
    return new Verdict(f, secure, "cweval-dynamic", List.of(), reason);
  }
}
