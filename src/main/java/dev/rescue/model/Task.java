package dev.rescue.model;

/**
 * A coding task: one line of the {@code retrieve} input.
 *
 * @param task natural-language description, may be empty
 * @param code a prefix, a draft or the surrounding file, or null
 * @param language null when it should be guessed from the code
 */
public record Task(String id, String task, String code, Language language) {
  /** Longest task text or code accepted, in characters. */
  public static final int MAX_CHARS = 200_000;

  public Task {
    task = task == null ? "" : task;
    if (task.length() > MAX_CHARS) {
      throw new IllegalArgumentException("task text is " + task.length() + " characters; the limit is " + MAX_CHARS);
    }
    if (code != null && code.length() > MAX_CHARS) {
      throw new IllegalArgumentException("code is " + code.length() + " characters; the limit is " + MAX_CHARS);
    }
    if (task.isBlank() && (code == null || code.isBlank())) {
      throw new IllegalArgumentException("a task needs a description or code; both are empty");
    }
  }
}
