package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code --completions FILE}: JSONL, one sample a line, with {@code task_id} and either
 * {@code completion} or {@code program}; optional {@code sample} (default: the task's next index in
 * file order) and {@code method} (default: the run's method). A bad line is reported, not fatal.
 */
public final class CompletionsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest accepted line: a sample is a program, not a data dump. */
  static final int MAX_LINE = 1 << 20;

  public record Read(List<Completion> completions, List<String> problems) {}

  private CompletionsFile() {}

  public static Read read(Path file, String defaultMethod) {
    List<Completion> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> next = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        if (line.length() > MAX_LINE) {
          problems.add(file.getFileName() + ":" + n + ": line longer than " + MAX_LINE + " characters");
          continue;
        }
        try {
          JsonNode j = JSON.readTree(line);
          String task = j.path("task_id").asText(null);
          if (task == null) throw new IllegalArgumentException("no task_id");
          String method = j.path("method").asText(defaultMethod);
          String k = method + "\u0000" + task;
          int sample = j.has("sample") ? j.get("sample").asInt() : next.getOrDefault(k, 0);
          next.put(k, Math.max(next.getOrDefault(k, 0), sample + 1));
          out.add(new Completion(method, task, sample, text(j, "completion"), text(j, "program")));
        } catch (IOException | RuntimeException e) {
          problems.add(file.getFileName() + ":" + n + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read completions " + file + ": " + e.getMessage(), e);
    }
    return new Read(out, problems);
  }

  private static String text(JsonNode j, String field) {
    JsonNode v = j.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
