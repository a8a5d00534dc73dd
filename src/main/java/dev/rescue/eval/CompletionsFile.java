package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code --completions FILE}: JSONL, one sample a line, with {@code task_id} and either
 * {@code completion} or {@code program} (strings); optional {@code sample} (an integer; default: the
 * task's next index in file order) and {@code method} (a string; default: the run's method). A bad
 * line (invalid UTF-8, not JSON, a field of the wrong type) is reported with the file name and its
 * line number, counting every line including blank ones, and the other lines are still read.
 */
public final class CompletionsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Largest accepted line in bytes: a sample is a program, not a data dump. */
  static final int MAX_LINE = 1 << 20;

  public record Read(List<Completion> completions, List<String> problems) {}

  private CompletionsFile() {}

  public static Read read(Path file, String defaultMethod) {
    List<Completion> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> next = new HashMap<>();
    String name = file.getFileName().toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      Line line;
      int n = 0;
      while ((line = Line.next(in)) != null) {
        n++;
        String where = name + ":" + n + ": ";
        if (line.tooLong()) {
          problems.add(where + "line longer than " + MAX_LINE + " bytes");
          continue;
        }
        String text;
        try {
          text = decode(line.bytes());
        } catch (CharacterCodingException e) {
          problems.add(where + "invalid UTF-8" + (e instanceof MalformedInputException m ? " (" + m.getInputLength()
              + " bad byte(s))" : "") + " at byte " + badByte(line.bytes()) + " of the line");
          continue;
        }
        if (text.isBlank()) continue;
        try {
          JsonNode j = JSON.readTree(text);
          if (!j.isObject()) throw new IllegalArgumentException("not a JSON object");
          String task = string(j, "task_id", null);
          if (task == null) throw new IllegalArgumentException("no task_id");
          String method = string(j, "method", defaultMethod);
          String k = method + "\u0000" + task;
          int sample;
          if (j.hasNonNull("sample")) {
            if (!j.get("sample").canConvertToInt() || !j.get("sample").isIntegralNumber()) {
              throw new IllegalArgumentException("'sample' must be an integer, got " + kind(j.get("sample")));
            }
            sample = j.get("sample").asInt();
          } else {
            sample = next.getOrDefault(k, 0);
          }
          String completion = string(j, "completion", null);
          String program = string(j, "program", null);
          Completion c = new Completion(method, task, sample, completion, program);
          next.put(k, Math.max(next.getOrDefault(k, 0), sample + 1));
          out.add(c);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          problems.add(where + "not JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
          problems.add(where + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read completions " + file + ": " + e.getMessage(), e);
    }
    return new Read(out, problems);
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    return d.decode(ByteBuffer.wrap(bytes)).toString();
  }

  /** Offset (from 1) of the first byte that does not decode. */
  private static int badByte(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    d.decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
    return in.position() + 1;
  }

  /** A text field: absent or null gives the default; anything but a string is an error, never its text. */
  private static String string(JsonNode j, String field, String absent) {
    JsonNode v = j.get(field);
    if (v == null || v.isNull()) return absent;
    if (!v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string, got " + kind(v));
    return v.asText();
  }

  private static String kind(JsonNode v) {
    String shown = v.toString();
    if (shown.length() > 40) shown = shown.substring(0, 40) + "...";
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
  }

  /** One line's bytes without its line end; lines over {@link #MAX_LINE} are skipped to their end. */
  private record Line(byte[] bytes, boolean tooLong) {
    static Line next(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      boolean any = false;
      boolean tooLong = false;
      while ((c = in.read()) != -1) {
        any = true;
        if (c == '\n') break;
        if (b.size() < MAX_LINE) b.write(c);
        else tooLong = true;
      }
      if (!any) return null;
      byte[] bytes = b.toByteArray();
      int len = bytes.length;
      if (len > 0 && bytes[len - 1] == '\r') bytes = java.util.Arrays.copyOf(bytes, len - 1);
      return new Line(bytes, tooLong);
    }
  }
}
