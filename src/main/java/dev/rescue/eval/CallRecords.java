package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the HumanEval+ harness wrote for one run of a program over a task's inputs (the line format is
 * described in {@code humanevalplus_harness.py}). A sample can write this file itself, so nothing in it
 * is a verdict: it is the sample's claim of what its function returned, which is only worth anything
 * if it matches the reference's outputs. The first record of each input counts.
 *
 * @param loadError why the program could not be executed, or null
 * @param loaded the program ran and defined the entry point
 */
record CallRecords(boolean loaded, String loadError, Map<Integer, Call> calls) {
  /**
   * One call of the entry point.
   *
   * @param digest digest of the returned value's normal form (null when the call failed)
   * @param value the typed value when the harness sent it whole, or null
   * @param error what the call raised, or null
   * @param timeout the limit the call overran, or null
   */
  record Call(int index, String digest, JsonNode value, double seconds, String error, Double timeout) {
    boolean returned() {
      return error == null && timeout == null && digest != null;
    }
  }

  CallRecords {
    calls = Map.copyOf(calls);
  }

  /** Reads the records; reading stops at the first line that is not one (e.g. cut by a kill). */
  static CallRecords read(Path file) throws IOException {
    boolean loaded = false;
    String loadError = null;
    Map<Integer, Call> calls = new HashMap<>();
    if (!Files.isRegularFile(file)) return new CallRecords(false, null, calls);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode j;
        try {
          j = JsonlRows.JSON.readTree(line);
        } catch (IOException e) {
          break;
        }
        if (j == null || !j.isObject()) break;
        if (j.has("loaded")) {
          loaded = true;
        } else if (j.has("load_error")) {
          if (loadError == null) loadError = j.get("load_error").asText();
        } else if (j.path("i").isIntegralNumber()) {
          int i = j.get("i").asInt();
          calls.putIfAbsent(i, new Call(i, j.hasNonNull("h") ? j.get("h").asText() : null, j.get("v"),
              j.path("t").asDouble(0), j.hasNonNull("error") ? j.get("error").asText() : null,
              j.hasNonNull("timeout") ? j.get("timeout").asDouble() : null));
        }
      }
    }
    return new CallRecords(loaded && loadError == null, loadError, calls);
  }

  Call call(int i) {
    return calls.get(i);
  }
}
