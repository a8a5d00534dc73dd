package dev.rescue.eval;

import dev.rescue.eval.oracle.Finding;
import dev.rescue.model.Language;
import java.util.List;

/**
 * One line of results.jsonl: a scored sample. {@code method} is the generation method or label.
 *
 * @param language the task's language, or null in a line written without one
 * @param promptTokens o200k tokens of the prompt the sample was generated from (the final
 *     generation request), or null when not generated here (given completions, lines written before
 *     the field existed)
 * @param repair what the repair loop did to the sample, or null when it went through none
 */
public record SampleResult(String method, String taskId, int sample, Language language, String cwe,
    Functional functional, Boolean secure, String oracle, List<Finding> findings, String reason, long millis,
    Integer promptTokens, SampleRepair repair) {
  public SampleResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** A result that went through no repair loop. */
  public SampleResult(String method, String taskId, int sample, Language language, String cwe, Functional functional,
      Boolean secure, String oracle, List<Finding> findings, String reason, long millis, Integer promptTokens) {
    this(method, taskId, sample, language, cwe, functional, secure, oracle, findings, reason, millis, promptTokens, null);
  }

  /** A result without a prompt-token count (given completions). */
  public SampleResult(String method, String taskId, int sample, Language language, String cwe, Functional functional,
      Boolean secure, String oracle, List<Finding> findings, String reason, long millis) {
    this(method, taskId, sample, language, cwe, functional, secure, oracle, findings, reason, millis, null);
  }

  public static SampleResult of(String method, EvalTask task, int sample, Verdict v, long millis, Integer promptTokens) {
    return of(method, task, sample, v, millis, promptTokens, null);
  }

  public static SampleResult of(String method, EvalTask task, int sample, Verdict v, long millis, Integer promptTokens,
      SampleRepair repair) {
    return new SampleResult(method, task.id(), sample, task.language(), task.cwe(), v.functional(), v.secure(),
        v.oracle(), v.findings(), v.reason(), millis, promptTokens, repair);
  }

  public static SampleResult of(String method, EvalTask task, int sample, Verdict v, long millis) {
    return of(method, task, sample, v, millis, null);
  }

  /** The harness could not judge it: neither a pass nor a fail, and retried by a rerun. */
  public boolean errored() {
    return functional == Functional.ERROR;
  }

  public boolean passed() {
    return functional == Functional.PASS;
  }

  /**
   * The one rule of secure-pass: true when the sample passed the functional tests and was found
   * secure, false when it failed them or was found insecure, and null (undecided, left out of
   * secure-pass@k) when the harness errored or a passing sample's security was not checked. A
   * failing sample is no secure pass whatever its security, so it always counts.
   */
  public Boolean securePass() {
    if (errored()) return null;
    if (!passed()) return false;
    return secure;
  }

  /** Passed the functional tests and the security check. */
  public boolean securePassed() {
    return Boolean.TRUE.equals(securePass());
  }

  public Key key() {
    return new Key(method, taskId, sample);
  }

  /** Identity of a sample within a run folder: rerunning never scores the same key twice. */
  public record Key(String method, String taskId, int sample) {}
}
