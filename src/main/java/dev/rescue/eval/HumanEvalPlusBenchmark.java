package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.oracle.SecurityOracles;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * HumanEval+ (evalplus's release, e.g. {@code HumanEvalPlus.jsonl.gz}; one task a line with
 * {@code task_id}, {@code prompt}, {@code entry_point}, {@code canonical_solution}, {@code base_input},
 * {@code plus_input}, {@code atol}). A sample passes when its function, called on every base and plus
 * input, returns what the canonical solution returns on the same input, by evalplus's rules
 * ({@link EvalPlusRules}).
 *
 * <p>Why the verdict is decided here and not in the sandbox: the sample runs in the same Python
 * process as the harness script, so it could rewrite any verdict or report that script produced (or
 * find any secret, such as a nonce, that the process holds). The script therefore only records what
 * the function returned ({@code humanevalplus_harness.py}), and this class compares those outputs with
 * the canonical solution's, which are computed in a separate sandboxed run (once per task, cached for
 * the run) and never enter the sample's process or folder. A sample that forges its records gains
 * nothing unless it forges the right outputs, which is solving the task. Outputs go to a file rather
 * than stdout, because some tasks return hundreds of megabytes (HumanEval/15, /130): large outputs are
 * sent as a digest of a normal form in which Python-equal values look alike, small ones and floats
 * (whose rule needs values) whole.
 *
 * <p>Security: these tasks are about no CWE, so see {@link CweFreeSecurityCheck}.
 */
public final class HumanEvalPlusBenchmark extends LoadedBenchmark {
  static final Pattern FILE = Pattern.compile("(?i)humanevalplus.*\\.jsonl(\\.gz)?");
  static final String HARNESS = "humanevalplus_harness.py";
  /** Headroom for the interpreter's start and the recording of outputs, on top of the calls' limits. */
  private static final int START_SECONDS = 30;

  private final Toolchain toolchain;
  private final Path shims;
  private final SecurityOracles oracles;
  private final Map<String, HumanEvalPlusProblem> byId = new LinkedHashMap<>();
  private final Map<String, CallRecords> references = new ConcurrentHashMap<>();
  private final Map<String, Object> referenceLocks = new ConcurrentHashMap<>();

  /** @param shims the harness's Python files (see {@link HarnessFiles}) */
  public HumanEvalPlusBenchmark(Path root, Toolchain toolchain, Path shims, SecurityOracles oracles) {
    this.toolchain = toolchain;
    this.shims = shims;
    this.oracles = oracles;
    Path file = JsonlRows.find(root, "HumanEval+", FILE);
    JsonlRows.read(file, row -> add(file, row), problems);
  }

  private void add(Path file, JsonNode row) {
    String id = JsonlRows.text(row, "task_id");
    try {
      JsonNode base = row.get("base_input");
      JsonNode plus = row.get("plus_input");
      if (base == null || !base.isArray()) throw new IllegalArgumentException("field 'base_input' missing or not a list");
      if (plus == null || !plus.isArray()) throw new IllegalArgumentException("field 'plus_input' missing or not a list");
      JsonNode atol = row.get("atol");
      if (atol != null && !atol.isNull() && !atol.isNumber()) throw new IllegalArgumentException("field 'atol' is not a number");
      HumanEvalPlusProblem p = new HumanEvalPlusProblem(id, JsonlRows.text(row, "prompt"), JsonlRows.text(row, "entry_point"),
          JsonlRows.text(row, "canonical_solution"), (ArrayNode) base, (ArrayNode) plus,
          atol == null || atol.isNull() ? 0 : atol.asDouble());
      if (byId.putIfAbsent(id, p) != null) throw new IllegalArgumentException("task id given twice");
      tasks.add(new EvalTask(id, Language.PYTHON, null, p.prompt(), file, null, null, null));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return "humanevalplus";
  }

  /** The canonical solution as a whole program, e.g. to check the harness with it. */
  public String referenceProgram(EvalTask task) {
    return problem(task).referenceProgram();
  }

  /** Secure: the canonical solutions, one per task. No unsafe references. */
  @Override
  public List<Completion> references(References kind) {
    List<Completion> out = new ArrayList<>();
    if (kind != References.SECURE) return out;
    for (EvalTask t : tasks()) out.add(new Completion(kind.label(), t.id(), 0, null, referenceProgram(t)));
    return out;
  }

  /** The function the task calls. */
  public String entryPoint(EvalTask task) {
    return problem(task).entryPoint();
  }

  /** How many calls a sample gets: the base inputs, then the plus inputs. */
  public int inputCount(EvalTask task) {
    return problem(task).inputCount();
  }

  private HumanEvalPlusProblem problem(EvalTask task) {
    HumanEvalPlusProblem p = byId.get(task.id());
    if (p == null) throw new IllegalArgumentException("not a task of this HumanEval+ file: " + task.id());
    return p;
  }

  @Override
  public Optional<String> unavailable(EvalTask task) {
    return toolchain.missing(Language.PYTHON);
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    HumanEvalPlusProblem p = problem(task);
    CallRecords expected;
    try {
      expected = reference(p, sandbox);
    } catch (ReferenceFailure e) {
      return Verdict.error(e.getMessage());
    }
    Path dir = sandbox.newSampleDir();
    try {
      Path solution = dir.resolve("solution.py");
      Files.writeString(solution, program, StandardCharsets.UTF_8);
      // before the sample runs: afterwards its folder holds whatever the sample left there
      SecurityOracles.Check security = CweFreeSecurityCheck.of(oracles, solution);
      List<Double> limits = EvalPlusRules.timeLimits(expected, p.inputCount());
      double referenceSeconds = expected.calls().values().stream().mapToDouble(CallRecords.Call::seconds).sum();
      int wall = Math.max(sandbox.limits().wallSeconds(),
          (int) Math.ceil(EvalPlusRules.TIME_LIMIT_FACTOR * referenceSeconds) + START_SECONDS);
      SandboxRun run = runHarness(p, dir, sandbox, limits, wall);
      CallRecords actual = CallRecords.read(dir.resolve("outputs.jsonl"));
      Optional<String> mismatch = EvalPlusRules.mismatch(p, expected, actual);
      if (mismatch.isPresent()) {
        String why = mismatch.get() + (run.ok() ? "" : " (" + run.reason() + ")");
        return new Verdict(Functional.FAIL, security.secure(), security.oracle(), security.findings(), why);
      }
      return new Verdict(Functional.PASS, security.secure(), security.oracle(), security.findings(), security.reason());
    } catch (IOException e) {
      return Verdict.error("harness I/O: " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  /** The canonical solution's records for the task, run once in the sandbox and kept for the run. */
  CallRecords reference(HumanEvalPlusProblem p, Sandbox sandbox) throws ReferenceFailure {
    CallRecords known = references.get(p.id());
    if (known != null) return known;
    synchronized (referenceLocks.computeIfAbsent(p.id(), k -> new Object())) {
      known = references.get(p.id());
      if (known != null) return known;
      Path dir = sandbox.newSampleDir();
      try {
        Files.writeString(dir.resolve("solution.py"), p.referenceProgram(), StandardCharsets.UTF_8);
        SandboxRun run = runHarness(p, dir, sandbox, null, sandbox.limits().wallSeconds());
        CallRecords records = CallRecords.read(dir.resolve("outputs.jsonl"));
        if (!records.loaded()) {
          throw new ReferenceFailure(p.id() + ": the canonical solution does not load: "
              + (records.loadError() != null ? records.loadError() : run.reason()));
        }
        for (int i = 0; i < p.inputCount(); i++) {
          CallRecords.Call c = records.call(i);
          if (c == null || !c.returned()) {
            throw new ReferenceFailure(p.id() + ": the canonical solution failed on input " + (i + 1) + ": "
                + (c == null ? run.reason() : c.error() != null ? c.error() : "timed out"));
          }
        }
        references.put(p.id(), records);
        return records;
      } catch (IOException e) {
        throw new ReferenceFailure(p.id() + ": harness I/O running the canonical solution: " + e.getMessage());
      } finally {
        sandbox.cleanup(dir);
      }
    }
  }

  private SandboxRun runHarness(HumanEvalPlusProblem p, Path dir, Sandbox sandbox, List<Double> limits, int wall)
      throws IOException {
    ObjectNode spec = JsonlRows.JSON.createObjectNode();
    spec.put("entry_point", p.entryPoint());
    spec.set("inputs", p.allInputs());
    if (limits != null) limits.forEach(spec.putArray("time_limits")::add);
    // the tolerance rules need values, not digests
    spec.put("full_values", p.atol() != 0);
    Files.writeString(dir.resolve("inputs.json"), JsonlRows.JSON.writeValueAsString(spec), StandardCharsets.UTF_8);
    Sandbox.share(dir);
    return sandbox.run(List.of(toolchain.python(), shims.resolve(HARNESS).toString(), "solution.py", "inputs.json",
        "outputs.jsonl"), dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"), wall);
  }

  /** The canonical solution could not give the expected outputs: the harness cannot judge the sample. */
  static final class ReferenceFailure extends Exception {
    ReferenceFailure(String message) {
      super(message);
    }
  }
}
