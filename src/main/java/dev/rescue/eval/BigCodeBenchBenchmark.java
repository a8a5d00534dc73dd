package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigCodeBench (e.g. {@code BigCodeBench.jsonl.gz}; one task a line with {@code task_id}, {@code prompt}
 * (the code prefix with its docstring, which a completion continues), {@code canonical_solution},
 * {@code test} (a unittest {@code TestCases} class) and {@code libs}). A sample passes when every test
 * of {@code TestCases} passes with the program and the test code executed as one module, as
 * bigcodebench's own harness runs them ({@code bigcodebench_harness.py}); a task whose libraries (its
 * {@code libs}, the test's imports, the NLTK data it downloads) this machine lacks is skipped, naming
 * what is missing.
 *
 * <p>Why the verdict is trusted only so far: the tests call the sample's function in the sample's own
 * process, so no separate checker can run them; the outcome is the harness's line on the standard
 * output, marked with a nonce that is new for each run and removed from the environment before the
 * sample runs, while the sample's own output is sent to /dev/null. A crash, an early exit or a stray
 * print therefore never counts as a pass; a sample written to cheat could still find the nonce in
 * memory, which only the sandbox can answer.
 *
 * <p>Security: these tasks are about no CWE, so see {@link CweFreeSecurityCheck}.
 */
public final class BigCodeBenchBenchmark extends LoadedBenchmark {
  static final Pattern FILE = Pattern.compile("(?i)bigcodebench.*\\.jsonl(\\.gz)?");
  static final String HARNESS = "bigcodebench_harness.py";
  static final String MARK = "RESCUE-BCB ";
  /** bigcodebench's TIMEOUT_LIMIT per task, in seconds; capped by the sandbox's wall-clock limit. */
  static final int TIMEOUT_SECONDS = 240;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** bigcodebench's reliability guard, as environment: UTC, one OpenMP thread, quiet TensorFlow; no display. */
  static final Map<String, String> ENVIRONMENT = Map.of("TZ", "UTC", "OMP_NUM_THREADS", "1",
      "TF_CPP_MIN_LOG_LEVEL", "3", "TF_ENABLE_ONEDNN_OPTS", "0", "MPLBACKEND", "Agg", "PYTHONDONTWRITEBYTECODE", "1");

  private final Toolchain toolchain;
  private final Path shims;
  private final SecurityOracles oracles;
  private final NltkData nltk;
  private final Map<String, Row> rows = new LinkedHashMap<>();

  private record Row(List<String> libs, String canonicalSolution) {}

  /** @param shims the harness's Python files (see {@link HarnessFiles}) */
  public BigCodeBenchBenchmark(Path root, Toolchain toolchain, Path shims, SecurityOracles oracles) {
    this.toolchain = toolchain;
    this.shims = shims;
    this.oracles = oracles;
    this.nltk = new NltkData(toolchain.python());
    Path file = JsonlRows.find(root, "BigCodeBench", FILE);
    JsonlRows.read(file, row -> add(file, row), problems);
  }

  private void add(Path file, JsonNode row) {
    String id = JsonlRows.text(row, "task_id");
    try {
      String prompt = JsonlRows.text(row, "prompt");
      String test = JsonlRows.text(row, "test");
      if (!test.contains("TestCases")) throw new IllegalArgumentException("the test defines no TestCases class");
      Row r = new Row(libs(row.get("libs")), row.path("canonical_solution").asText(""));
      if (rows.putIfAbsent(id, r) != null) throw new IllegalArgumentException("task id given twice");
      tasks.add(new EvalTask(id, Language.PYTHON, null, prompt, file, null, test, null));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
    }
  }

  /** {@code libs}: a JSON list, or the Python list literal the Hugging Face copy stores as text. */
  static List<String> libs(JsonNode libs) {
    List<String> out = new ArrayList<>();
    if (libs == null || libs.isNull()) return out;
    if (libs.isArray()) {
      libs.forEach(l -> out.add(l.asText()));
    } else if (libs.isTextual()) {
      Matcher m = Pattern.compile("['\"]([^'\"]+)['\"]").matcher(libs.asText());
      while (m.find()) out.add(m.group(1));
    } else {
      throw new IllegalArgumentException("field 'libs' is neither a list nor text");
    }
    return out;
  }

  @Override
  public String kind() {
    return "bigcodebench";
  }

  private Row row(EvalTask task) {
    Row r = rows.get(task.id());
    if (r == null) throw new IllegalArgumentException("not a task of this BigCodeBench file: " + task.id());
    return r;
  }

  /** The canonical solution as a whole program, e.g. to check the harness with it. */
  public String referenceProgram(EvalTask task) {
    return task.prompt() + row(task).canonicalSolution();
  }

  /** Secure: the canonical solutions, one per task. No unsafe references. */
  @Override
  public List<Completion> references(References kind) {
    List<Completion> out = new ArrayList<>();
    if (kind != References.SECURE) return out;
    for (EvalTask t : tasks()) out.add(new Completion(kind.label(), t.id(), 0, null, referenceProgram(t)));
    return out;
  }

  /** The task's libraries, then the test's own imports, then the NLTK data the task loads. */
  @Override
  public Optional<String> unavailable(EvalTask task) {
    Optional<String> py = toolchain.missing(Language.PYTHON);
    if (py.isPresent()) return py;
    Row r = row(task);
    Set<String> modules = new LinkedHashSet<>(r.libs());
    modules.addAll(Requirements.pythonImports(task.tests()));
    for (String module : modules) {
      if (!toolchain.pythonHas(module, shims)) {
        return Optional.of("Python library '" + module + "' not importable by " + toolchain.python());
      }
    }
    for (String resource : NltkData.resources(task.prompt() + "\n" + r.canonicalSolution() + "\n" + task.tests())) {
      if (!nltk.has(resource)) return Optional.of("NLTK data '" + resource + "' not installed (no download offline)");
    }
    return Optional.empty();
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    Path dir = sandbox.newSampleDir();
    try {
      Path solution = dir.resolve("solution.py");
      Files.writeString(solution, program, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("test_code.py"), task.tests(), StandardCharsets.UTF_8);
      // the tests' working folder starts empty, as bigcodebench's fresh temporary folder does
      Files.createDirectories(dir.resolve("work"));
      // before the sample runs: afterwards its folder holds whatever the sample left there
      SecurityOracles.Check security = CweFreeSecurityCheck.of(oracles, solution);
      Sandbox.share(dir);
      String nonce = HexFormat.of().formatHex(nonceBytes());
      int wall = sandbox.limits().wallSeconds();
      int timeout = Math.max(5, Math.min(TIMEOUT_SECONDS, wall - 10));
      Map<String, String> env = new LinkedHashMap<>(ENVIRONMENT);
      env.put("PYTHONPATH", shims.toString());
      env.put("RESCUE_NONCE", nonce);
      SandboxRun run = sandbox.run(List.of(toolchain.python(), shims.resolve(HARNESS).toString(), "../solution.py",
          "../test_code.py", Integer.toString(timeout)), dir.resolve("work"), env, wall);
      Optional<UnittestOutcome> outcome = UnittestOutcome.find(run.stdout(), MARK + nonce + " ");
      if (outcome.isEmpty()) {
        String why = run.timedOut() ? "timed out (wall-clock limit " + wall + " s)"
            : "the test run ended without an outcome: " + run.reason();
        return new Verdict(Functional.FAIL, security.secure(), security.oracle(), security.findings(), why);
      }
      UnittestOutcome o = outcome.get();
      if (!o.passed()) return new Verdict(Functional.FAIL, security.secure(), security.oracle(), security.findings(), o.reason());
      return new Verdict(Functional.PASS, security.secure(), security.oracle(), security.findings(), security.reason());
    } catch (IOException e) {
      return Verdict.error("harness I/O: " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  private static byte[] nonceBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
