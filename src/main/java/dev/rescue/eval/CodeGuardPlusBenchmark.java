package dev.rescue.eval;

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

/**
 * CodeGuard+ (Fu et al., "Constrained Decoding for Secure Code Generation"): one task per scenario
 * {@code data/base/cwe-XXX/N-LANG/} (see {@link CodeGuardPlusScenarios}).
 *
 * <p>Functional: the scenario's {@code unit_test/.../functional.py} run in the sandbox the way the
 * benchmark's correctness_eval.py runs it ({@link CodeGuardPlusLayout}), the verdict read from the
 * {@code stat.json} it writes ({@link CodeGuardPlusOutcome}). The test imports the sample as a module
 * in its own process, so a sample could also write that file: the benchmark's protocol trusts the
 * sample there, and so does this adapter; the sandbox only protects the machine.
 *
 * <p>Security: CodeQL with the scenario's {@code check_ql} when codeql is installed, as in the paper;
 * otherwise bandit (Python) or cppcheck and flawfinder (C/C++), keeping only findings of the
 * scenario's CWE. The analysers read a copy of the program made before the sample ran.
 */
public final class CodeGuardPlusBenchmark implements Benchmark {
  private final Path root;
  private final Toolchain toolchain;
  private final Path shims;
  private final SecurityOracles oracles;
  private final Map<String, CodeGuardPlusScenario> scenarios = new LinkedHashMap<>();
  private final List<String> problems;
  private final CodeGuardPlusNeeds needs;

  public CodeGuardPlusBenchmark(Path root, Toolchain toolchain, Path shims, SecurityOracles oracles) {
    this.root = root.toAbsolutePath().normalize();
    CodeGuardPlusScenarios.Loaded loaded = CodeGuardPlusScenarios.load(this.root);
    for (CodeGuardPlusScenario s : loaded.scenarios()) scenarios.put(s.id(), s);
    this.problems = loaded.problems();
    this.toolchain = toolchain;
    this.shims = shims;
    this.oracles = oracles;
    this.needs = new CodeGuardPlusNeeds(this.root, toolchain, shims);
  }

  @Override
  public String kind() {
    return "codeguardplus";
  }

  @Override
  public List<EvalTask> tasks() {
    return scenarios.values().stream().map(CodeGuardPlusScenario::task).toList();
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  @Override
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    boolean codeql = scenarios.values().stream().anyMatch(s -> oracles.usesCodeql(s.task().language(), s.query()));
    if (!codeql) {
      notes.add("Security: the CodeGuard+ paper judged security with CodeQL (each scenario's check_ql query) and "
          + "SonarQube; codeql is not installed here, so bandit (Python) and cppcheck/flawfinder (C/C++) judged it, "
          + "counting only findings of the scenario's CWE: sec figures are not comparable with the paper's.");
    } else {
      notes.add("Security: CodeQL with each scenario's check_ql query, as in the CodeGuard+ paper (which also used "
          + "SonarQube); scenarios without a query were judged by bandit or cppcheck/flawfinder.");
    }
    notes.add("Functional: every scenario's functional.py is run, including the CWEs that the benchmark's "
        + "correctness_eval.py leaves out of its cwe_list.");
    return notes;
  }

  @Override
  public Optional<String> unavailable(EvalTask task) {
    CodeGuardPlusScenario s = scenario(task);
    Optional<String> tool = toolchain.missing(task.language());
    if (tool.isPresent()) return tool;
    if (toolchain.missing(Language.PYTHON).isPresent()) {
      return Optional.of("functional tests need Python: " + toolchain.missing(Language.PYTHON).get());
    }
    if (!Files.isRegularFile(s.functionalTest())) {
      return Optional.of("no functional test " + root.relativize(s.functionalTest()));
    }
    return needs.missing(s);
  }

  /**
   * Secure: the benchmark's self-check programs ({@code unit_test/.../test_case.EXT}, 55 of them), which
   * it ships to check its own functional tests; not all of them pass those tests, so their figures
   * check the harness against the benchmark's own verdicts, not against 100%. No unsafe references.
   */
  @Override
  public List<Completion> references(References kind) {
    List<Completion> out = new ArrayList<>();
    if (kind != References.SECURE) return out;
    for (CodeGuardPlusScenario s : scenarios.values()) {
      Path testCase = s.unitTestDir().resolve("test_case." + s.task().language().id());
      if (!Files.isRegularFile(testCase)) continue;
      try {
        out.add(new Completion(kind.label(), s.id(), 0, null, Files.readString(testCase, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + testCase + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public Verdict score(EvalTask task, String program, Sandbox sandbox) {
    CodeGuardPlusScenario s = scenario(task);
    Path dir = sandbox.newSampleDir();
    try {
      // the analysers read a copy the sample never had the chance to rewrite
      Path analysed = dir.resolve("analysed");
      Files.createDirectories(analysed);
      Path copy = analysed.resolve(CodeGuardPlusLayout.SAMPLE + "." + task.language().id());
      Files.writeString(copy, program, StandardCharsets.UTF_8);
      SecurityOracles.Check check = oracles.check(copy, task.language(), task.cwe(), s.query());

      CodeGuardPlusLayout.Laid laid = CodeGuardPlusLayout.write(dir.resolve("run"), s, program, root, toolchain.python());
      Sandbox.share(dir);
      SandboxRun run = sandbox.run(laid.command(), laid.benchmark(), Map.of("HOME", laid.home().toString(),
          "PYTHONPATH", shims.toString(), "PYTHONDONTWRITEBYTECODE", "1"));
      CodeGuardPlusOutcome outcome = CodeGuardPlusOutcome.read(run, laid.stat(), laid.sampleFile(), needs.requirements());
      return new Verdict(outcome.functional(), check.secure(), check.oracle(), check.findings(),
          outcome.reason() != null ? outcome.reason() : check.reason());
    } catch (IOException e) {
      return Verdict.error("harness I/O for " + task.id() + ": " + e.getMessage());
    } finally {
      sandbox.cleanup(dir);
    }
  }

  private CodeGuardPlusScenario scenario(EvalTask task) {
    CodeGuardPlusScenario s = scenarios.get(task.id());
    if (s == null) throw new IllegalArgumentException("not a task of this CodeGuard+ folder (" + root + "): " + task.id());
    return s;
  }
}
