package dev.rescue.eval;

/**
 * One sample to score: either a {@code completion} appended to the task's prompt or a whole
 * {@code program} used as is (exactly one is non-null).
 *
 * @param promptTokens o200k tokens of the prompt it was generated from, or null when given
 * @param repair what the repair loop did to it, or null when it went through none
 */
public record Completion(String method, String taskId, int sample, String completion, String program,
    Integer promptTokens, SampleRepair repair) {
  public Completion {
    if (taskId == null || taskId.isBlank()) throw new IllegalArgumentException("task_id must not be blank");
    if ((completion == null) == (program == null)) {
      throw new IllegalArgumentException("sample " + taskId + "#" + sample + ": give exactly one of completion and program");
    }
    if (sample < 0) throw new IllegalArgumentException("sample must be >= 0: " + sample);
  }

  /** A given sample, not generated here. */
  public Completion(String method, String taskId, int sample, String completion, String program) {
    this(method, taskId, sample, completion, program, null, null);
  }

  public Completion(String method, String taskId, int sample, String completion, String program, Integer promptTokens) {
    this(method, taskId, sample, completion, program, promptTokens, null);
  }

  public Completion withPromptTokens(Integer tokens) {
    return new Completion(method, taskId, sample, completion, program, tokens, repair);
  }

  public Completion withRepair(SampleRepair r) {
    return new Completion(method, taskId, sample, completion, program, promptTokens, r);
  }

  public SampleResult.Key key() {
    return new SampleResult.Key(method, taskId, sample);
  }
}
