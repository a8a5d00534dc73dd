package dev.rescue.eval;

/**
 * One sample to score: either a {@code completion} appended to the task's prompt or a whole
 * {@code program} used as is (exactly one is non-null).
 *
 * @param promptTokens o200k tokens of the prompt it was generated from, or null when given
 */
public record Completion(String method, String taskId, int sample, String completion, String program,
    Integer promptTokens) {
  public Completion {
    if (taskId == null || taskId.isBlank()) throw new IllegalArgumentException("task_id must not be blank");
    if ((completion == null) == (program == null)) {
      throw new IllegalArgumentException("sample " + taskId + "#" + sample + ": give exactly one of completion and program");
    }
    if (sample < 0) throw new IllegalArgumentException("sample must be >= 0: " + sample);
  }

  /** A given sample, not generated here. */
  public Completion(String method, String taskId, int sample, String completion, String program) {
    this(method, taskId, sample, completion, program, null);
  }

  public Completion withPromptTokens(Integer tokens) {
    return new Completion(method, taskId, sample, completion, program, tokens);
  }

  public SampleResult.Key key() {
    return new SampleResult.Key(method, taskId, sample);
  }
}
