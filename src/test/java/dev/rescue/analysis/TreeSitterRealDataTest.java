package dev.rescue.analysis;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every function of the SVEN training pairs (Python, C, C++) through its front-end: none may
 * throw, each must yield statements, and the share that parses without error nodes is printed (and
 * must stay high: a regression in parsing would show here first).
 */
class TreeSitterRealDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path svenTrain() {
    String shared = System.getProperty("rescue.shared", "../shared");
    return Path.of(shared, "data", "safecoder", "sven", "train");
  }

  @Test
  void everySvenTrainingFunctionIsModelledWithoutExceptionAndMostParseCleanly() throws IOException {
    Path dir = svenTrain();
    Requires.data(dir);
    Map<Language, int[]> counts = new EnumMap<>(Language.class); // {functions, withErrors, empty}
    List<String> failures = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path file : files) {
      int lineNo = 0;
      for (String line : Files.readAllLines(file)) {
        lineNo++;
        if (line.isBlank()) continue;
        JsonNode row = JSON.readTree(line);
        Language lang = Language.fromFileName(row.path("file_name").asText()).orElse(null);
        if (lang == null) continue;
        LanguageFrontEnd fe = FrontEnds.of(lang).orElseThrow();
        for (String field : new String[] {"func_src_before", "func_src_after"}) {
          String code = row.path(field).asText();
          try {
            FunctionModel m = fe.function(code);
            int[] c = counts.computeIfAbsent(lang, l -> new int[3]);
            c[0]++;
            if (m.hasErrors()) c[1]++;
            if (m.body().isEmpty()) c[2]++;
          } catch (RuntimeException e) {
            failures.add(file.getFileName() + ":" + lineNo + " " + field + ": " + e);
          }
        }
      }
    }
    StringBuilder report = new StringBuilder("SVEN train, functions parsing without error nodes:\n");
    counts.forEach((l, c) -> report.append(String.format("  %-4s %4d functions, %5.1f%% clean, %d with no statement%n",
        l.id(), c[0], 100.0 * (c[0] - c[1]) / c[0], c[2])));
    System.out.print(report);
    assertThat(failures).as("front-ends threw").isEmpty();
    assertThat(counts).containsKeys(Language.PYTHON, Language.C, Language.CPP);
    counts.forEach((l, c) -> {
      assertThat(c[2]).as("functions of %s with no statement", l).isLessThanOrEqualTo(c[0] / 50);
      assertThat(c[0] - c[1]).as("clean parses of %s", l).isGreaterThanOrEqualTo(c[0] * 8 / 10);
    });
  }
}
