package dev.rescue.eval;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A benchmark's {@code .jsonl} or {@code .jsonl.gz} file, read a row at a time: a malformed row is
 * reported with its line number and the rest of the file is still read.
 */
final class JsonlRows {
  /**
   * JSON as Python writes it: {@code NaN} and {@code Infinity} bare, both ways, so values read from a
   * benchmark or a harness and written back to Python keep their type.
   */
  static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  /** Turns one row into a task, or throws with what is wrong with it. */
  interface RowReader {
    void read(JsonNode row) throws IOException;
  }

  private JsonlRows() {}

  /**
   * The benchmark file in a folder: the one whose name matches {@code name} (e.g.
   * {@code HumanEvalPlus.*\.jsonl(\.gz)?}), or {@code dirOrFile} itself when it is a file.
   */
  static Path find(Path dirOrFile, String what, Pattern name) {
    if (Files.isRegularFile(dirOrFile)) return dirOrFile;
    if (!Files.isDirectory(dirOrFile)) throw new IllegalArgumentException(what + " folder not found: " + dirOrFile);
    try (Stream<Path> s = Files.list(dirOrFile)) {
      List<Path> files = s.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no " + what + " file (" + name.pattern() + ") in " + dirOrFile);
      }
      return files.get(0);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dirOrFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads every row; a row that cannot be parsed or read adds "FILE:LINE: reason" to {@code problems}. */
  static void read(Path file, RowReader reader, List<String> problems) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
            ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          reader.read(JSON.readTree(line));
        } catch (IOException | RuntimeException e) {
          problems.add(file.getFileName() + ":" + n + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      // a truncated .gz keeps the rows read before the damage
      problems.add(file.getFileName() + ": cannot read further: " + e.getMessage());
    }
  }

  /** A text field of a row, or an error naming the field. */
  static String text(JsonNode row, String field) {
    JsonNode v = row.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException("field '" + field + "' missing or not a string");
    return v.asText();
  }
}
