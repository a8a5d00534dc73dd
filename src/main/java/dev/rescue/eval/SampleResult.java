package dev.rescue.eval;

import dev.rescue.eval.oracle.Finding;
import java.util.List;

/** One line of results.jsonl: a scored sample. {@code method} is the generation method or label. */
public record SampleResult(String method, String taskId, int sample, String language, String cwe,
    Functional functional, Boolean secure, String oracle, List<Finding> findings, String reason, long millis) {
  public SampleResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  public static SampleResult of(String method, EvalTask task, int sample, Verdict v, long millis) {
    return new SampleResult(method, task.id(), sample, task.language(), task.cwe(), v.functional(), v.secure(),
        v.oracle(), v.findings(), v.reason(), millis);
  }

  public boolean passed() {
    return functional == Functional.PASS;
  }

  /** Passed the functional tests and the security check. */
  public boolean securePassed() {
    return passed() && Boolean.TRUE.equals(secure);
  }

  public Key key() {
    return new Key(method, taskId, sample);
  }

  /** Identity of a sample within a run folder: rerunning never scores the same key twice. */
  public record Key(String method, String taskId, int sample) {}
}
