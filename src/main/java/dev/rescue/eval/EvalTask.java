package dev.rescue.eval;

import dev.rescue.model.Language;
import java.nio.file.Path;

/**
 * One benchmark task.
 *
 * @param id the benchmark's task id (see each {@link Benchmark})
 * @param language the task's language (the harness runs py, c, cpp, js and go)
 * @param cwe the CWE the task is about ("CWE-22"), or null for security-neutral tasks
 * @param prompt what the model completes; a completion is appended to it verbatim
 * @param source the task's own file or folder (CWEval task file, CodeGuard+ scenario folder, YAML)
 * @param testFile the test script, or null when the tests are inline ({@code tests})
 * @param tests inline test code (HumanEval style), or null
 * @param query CodeQL query for the security check, or null
 */
public record EvalTask(String id, Language language, String cwe, String prompt, Path source, Path testFile,
    String tests, Path query) {
  public EvalTask {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("task id must not be blank");
    if (language == null) throw new IllegalArgumentException("task " + id + ": no language");
    if (prompt == null) throw new IllegalArgumentException("task " + id + ": no prompt");
  }
}
