package dev.rescue.kb.safecoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.analysis.slicing.LineDiff;
import dev.rescue.internal.JsonlLine;
import dev.rescue.internal.JsonlReader;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads vulnerability-fix pairs in the SafeCoder/SVEN JSONL format ({@code ../shared/data/README.md}):
 * one JSON object a line with {@code func_src_before}, {@code func_src_after}, {@code vul_type},
 * {@code file_name}, optionally {@code line_changes}, {@code func_name}, {@code commit_link},
 * {@code description} and {@code commit_msg}.
 *
 * <p><b>Ids.</b> Every result is named {@code <file>:<line>} where {@code line} is the 1-based line
 * of the input file and {@code file} is the input file's path relative to the path given, with
 * {@code /} separators: reading the file {@code sven/train/cwe-022.jsonl} gives {@code cwe-022.jsonl:7};
 * reading the folder {@code safecoder} gives {@code train/sec-new-desc.jsonl:12}.
 *
 * <p><b>Quirks handled.</b> CWE ids are normalised ({@code cwe-089} to {@code CWE-89}); the language
 * comes from the extension of {@code file_name} (an unknown one is an error line);
 * {@code line_changes} may be a JSON object, a string holding a Python {@code repr} of it, or absent
 * (then, and when its lines do not match the code, the changes are computed with {@link LineDiff});
 * a trailing {@code \n} or {@code \r\n} in a change's {@code line} is ignored. Rows whose before
 * equals after, and rows repeating an earlier (CWE, before, after), are dropped and counted. Blank
 * lines are skipped. Lines are read by {@link JsonlReader}'s rule (every physical line counted, invalid
 * UTF-8 an error of that line); malformed JSON and missing fields give a {@link PairResult.Failed}
 * naming the line too; reading goes on.
 */
public final class SafeCoderReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a {@code .jsonl} file, or every {@code *.jsonl} under a folder (recursively, sorted by
   * relative path).
   *
   * @throws IllegalArgumentException when the path does not exist or holds no {@code *.jsonl} file
   * @throws UncheckedIOException when a file cannot be read
   */
  public SafeCoderBatch read(Path path) {
    return read(List.of(path));
  }

  /**
   * Reads several files or folders in the order given, as one batch: duplicates are dropped across
   * all of them, and each result's id is relative to the path it was found under.
   */
  public SafeCoderBatch read(List<Path> paths) {
    Accumulator acc = new Accumulator();
    for (Path p : paths) readInto(p, acc);
    return new SafeCoderBatch(acc.results, acc.duplicates, acc.unchanged);
  }

  private void readInto(Path path, Accumulator acc) {
    if (!Files.exists(path)) throw new IllegalArgumentException("input not found: " + path);
    List<Path> files = new ArrayList<>();
    Path base;
    if (Files.isDirectory(path)) {
      base = path;
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
      }
      files.sort((x, y) -> relativeName(base, x).compareTo(relativeName(base, y)));
      if (files.isEmpty()) throw new IllegalArgumentException("no *.jsonl file under " + path);
    } else {
      base = path.toAbsolutePath().getParent();
      files.add(path.toAbsolutePath());
    }
    for (Path f : files) {
      for (JsonlLine line : JsonlReader.read(f, relativeName(base, f.toAbsolutePath()))) {
        PairResult r = readLine(line, acc);
        if (r != null) acc.results.add(r);
      }
    }
  }

  /** Reads JSONL content already in memory, naming its lines {@code <name>:<line>}. */
  public SafeCoderBatch read(String name, byte[] content) {
    Accumulator acc = new Accumulator();
    readLines(name, content, acc);
    return new SafeCoderBatch(acc.results, acc.duplicates, acc.unchanged);
  }

  private static String relativeName(Path base, Path file) {
    Path rel = base == null ? file.getFileName() : base.toAbsolutePath().relativize(file.toAbsolutePath());
    return rel.toString().replace('\\', '/');
  }

  private static final class Accumulator {
    final List<PairResult> results = new ArrayList<>();
    final Set<List<String>> seen = new HashSet<>();
    int duplicates;
    int unchanged;
  }

  private void readLines(String name, byte[] bytes, Accumulator acc) {
    for (JsonlLine line : JsonlReader.lines(name, bytes)) {
      PairResult r = readLine(line, acc);
      if (r != null) acc.results.add(r);
    }
  }

  /** One line's result, or null when the line is blank or dropped. */
  private PairResult readLine(JsonlLine line, Accumulator acc) {
    String id = line.location();
    if (line.failed()) return new PairResult.Failed(id, line.error());
    if (line.blank()) return null;
    String text = line.text();
    JsonNode row;
    try {
      row = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new PairResult.Failed(id, "malformed JSON: " + e.getOriginalMessage());
    }
    if (row == null || !row.isObject()) return new PairResult.Failed(id, "not a JSON object");
    try {
      String before = required(row, "func_src_before");
      String after = required(row, "func_src_after");
      String fileName = required(row, "file_name");
      Language language = Language.fromFileName(fileName).orElseThrow(() -> new IllegalArgumentException(
          "unknown language of file_name '" + fileName + "' (expected .py, .c, .h, .cpp, .cc, .js, .jsx, .go, .java, .rb)"));
      String cwe = dev.rescue.model.CweIds.normalize(required(row, "vul_type"));
      if (before.equals(after)) {
        acc.unchanged++;
        return null;
      }
      if (!acc.seen.add(List.of(cwe, before, after))) {
        acc.duplicates++;
        return null;
      }
      LineChanges changes = lineChanges(row.get("line_changes"), before, after);
      return new PairResult.Parsed(new VulnFixPair(id, cwe, language, optional(row, "func_name"),
          before, after, changes.deleted(), changes.added(), optional(row, "commit_link"),
          optional(row, "description"), optional(row, "commit_msg")));
    } catch (IllegalArgumentException e) {
      return new PairResult.Failed(id, e.getMessage());
    }
  }

  private static String required(JsonNode row, String field) {
    JsonNode n = row.get(field);
    if (n == null || n.isNull()) throw new IllegalArgumentException("missing field '" + field + "'");
    if (!n.isTextual()) throw new IllegalArgumentException("field '" + field + "' is not a string");
    return n.asText();
  }

  private static String optional(JsonNode row, String field) {
    JsonNode n = row.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** The changed lines of a row: as given when they match the code, else computed. */
  private record LineChanges(List<Integer> deleted, List<Integer> added) {}

  private static LineChanges lineChanges(JsonNode given, String before, String after) {
    if (given != null && given.isTextual()) given = PythonLiteral.parse(given.asText());
    if (given != null && given.isObject()) {
      List<String> beforeLines = LineDiff.lines(before);
      List<String> afterLines = LineDiff.lines(after);
      List<Integer> deleted = changedLines(given.get("deleted"), beforeLines);
      List<Integer> added = changedLines(given.get("added"), afterLines);
      if (deleted != null && added != null) return new LineChanges(deleted, added);
    } else if (given != null && !given.isNull()) {
      throw new IllegalArgumentException("line_changes is neither an object nor a string");
    }
    LineDiff diff = LineDiff.of(before, after);
    return new LineChanges(diff.deleted(), diff.added());
  }

  /** The sorted line numbers of one side, or null when they do not match the code. */
  private static List<Integer> changedLines(JsonNode changes, List<String> lines) {
    if (changes == null || changes.isNull()) return List.of();
    if (!changes.isArray()) return null;
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (JsonNode c : changes) {
      JsonNode no = c.get("line_no");
      if (no == null || !no.canConvertToInt()) return null;
      int n = no.asInt();
      if (n < 1 || n > lines.size()) return null;
      JsonNode line = c.get("line");
      if (line != null && line.isTextual() && !stripTerminator(line.asText()).equals(lines.get(n - 1))) {
        return null;
      }
      out.add(n);
    }
    return List.copyOf(out);
  }

  private static String stripTerminator(String s) {
    if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
    if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
