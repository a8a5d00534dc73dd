package dev.rescue.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.model.Language;
import dev.rescue.model.Task;

/** The task format of DESIGN §4: {@code {id, task, code?, language?}}, one JSON object a line. */
public final class TaskJson {
  private TaskJson() {}

  /**
   * @param fallbackId used when the line has no {@code id}
   * @throws IllegalArgumentException naming what is wrong (malformed JSON, bad language, empty task, too long)
   */
  public static Task parse(String line, String fallbackId) {
    JsonNode n;
    try {
      n = ResultJson.MAPPER.readTree(line);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed JSON: " + firstLine(e.getMessage()));
    }
    return of(n, fallbackId);
  }

  public static Task of(JsonNode n, String fallbackId) {
    if (n == null || !n.isObject()) throw new IllegalArgumentException("a task must be a JSON object");
    String id = n.hasNonNull("id") ? n.get("id").asText() : fallbackId;
    String task = text(n, "task");
    String code = text(n, "code");
    String lang = text(n, "language");
    Language language = lang == null || lang.isBlank() ? null : Language.parse(lang);
    return new Task(id, task, code, language);
  }

  /** The id of a line, when it can be read, for error lines. */
  public static String idOf(String line, String fallbackId) {
    try {
      JsonNode n = ResultJson.MAPPER.readTree(line);
      return n != null && n.hasNonNull("id") ? n.get("id").asText() : fallbackId;
    } catch (Exception e) {
      return fallbackId;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new IllegalArgumentException("field '" + field + "' must be a string");
    return v.asText();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
