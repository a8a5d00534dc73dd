package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.eval.oracle.Finding;
import dev.rescue.model.Language;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.jsonl}: every sample's result is appended and flushed as soon as it is known, so a
 * killed run loses at most the sample in progress. The log is append-only and a later line for a
 * sample supersedes an earlier one. On reopening, results are read back (a torn line from a kill is
 * dropped and the file rewritten cleanly); a sample whose latest result is judged is never scored
 * again, while one that errored (the harness could not judge it) is retried and its new result
 * appended.
 */
public final class ResultsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<SampleResult.Key, SampleResult> done = new LinkedHashMap<>();
  private final BufferedWriter writer;

  public ResultsLog(Path file) {
    this.file = file;
    try {
      List<String> good = new ArrayList<>();
      boolean torn = false;
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) continue;
          try {
            SampleResult r = fromJson(JSON.readTree(line));
            done.remove(r.key()); // re-inserted last: all() keeps the order samples were last scored
            done.put(r.key(), r);
            good.add(line);
          } catch (IOException | RuntimeException e) {
            torn = true;
          }
        }
      }
      if (torn) Files.write(file, good, StandardCharsets.UTF_8);
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open results " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Whether the sample has a judged result; an errored one does not count, so a rerun retries it. */
  public synchronized boolean has(SampleResult.Key key) {
    SampleResult r = done.get(key);
    return r != null && !r.errored();
  }

  /** The latest result of a sample, judged or errored, if any. */
  public synchronized java.util.Optional<SampleResult> latest(SampleResult.Key key) {
    return java.util.Optional.ofNullable(done.get(key));
  }

  /** Appends and flushes one result; a sample already judged is ignored, an errored one superseded. */
  public synchronized void append(SampleResult r) {
    if (has(r.key())) return;
    try {
      writer.write(toJson(r).toString());
      writer.write('\n');
      writer.flush();
      done.remove(r.key());
      done.put(r.key(), r);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The latest result of every sample. */
  public synchronized List<SampleResult> all() {
    return List.copyOf(done.values());
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }

  static ObjectNode toJson(SampleResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("task_id", r.taskId());
    o.put("sample", r.sample());
    o.put("method", r.method());
    o.put("language", r.language() == null ? null : r.language().id());
    o.put("cwe", r.cwe());
    o.put("functional", r.functional().json());
    if (r.secure() == null) o.putNull("secure");
    else o.put("secure", r.secure());
    o.put("oracle", r.oracle());
    ArrayNode fs = o.putArray("findings");
    for (Finding f : r.findings()) {
      ObjectNode fo = fs.addObject();
      fo.put("tool", f.tool());
      fo.put("rule", f.rule());
      fo.set("cwes", JSON.valueToTree(f.cwes()));
      fo.put("line", f.line());
      fo.put("message", f.message());
    }
    o.put("reason", r.reason());
    o.put("millis", r.millis());
    if (r.promptTokens() == null) o.putNull("prompt_tokens");
    else o.put("prompt_tokens", r.promptTokens());
    SampleRepair rep = r.repair();
    if (rep != null) {
      o.putObject("repair").put("rounds", rep.rounds()).put("tokens", rep.tokens()).put("kept", rep.kept())
          .put("stop", rep.stop()).put("findings_first", rep.findingsFirst()).put("findings_kept", rep.findingsKept());
    }
    return o;
  }

  static SampleResult fromJson(JsonNode j) {
    List<Finding> fs = new ArrayList<>();
    for (JsonNode f : j.path("findings")) {
      List<String> cwes = new ArrayList<>();
      f.path("cwes").forEach(c -> cwes.add(c.asText()));
      fs.add(new Finding(f.path("tool").asText(), f.path("rule").asText(), cwes, f.path("line").asInt(),
          f.path("message").asText()));
    }
    JsonNode sec = j.path("secure");
    if (!j.hasNonNull("task_id") || !j.has("sample") || !j.hasNonNull("functional")) {
      throw new IllegalArgumentException("result line without task_id, sample or functional");
    }
    return new SampleResult(j.path("method").asText("none"), j.get("task_id").asText(), j.get("sample").asInt(),
        j.hasNonNull("language") ? Language.parse(j.get("language").asText()) : null, j.path("cwe").isNull() ? null : j.path("cwe").asText(null),
        Functional.fromJson(j.get("functional").asText()), sec.isBoolean() ? sec.asBoolean() : null,
        j.path("oracle").asText("none"), fs, j.path("reason").isNull() ? null : j.path("reason").asText(null),
        j.path("millis").asLong(), j.path("prompt_tokens").isInt() ? j.get("prompt_tokens").asInt() : null,
        repair(j.path("repair")));
  }

  private static SampleRepair repair(JsonNode r) {
    if (!r.isObject()) return null;
    return new SampleRepair(r.path("rounds").asInt(), r.path("tokens").asInt(), r.path("kept").asInt(),
        r.path("stop").asText(""), r.path("findings_first").asInt(), r.path("findings_kept").asInt());
  }
}
