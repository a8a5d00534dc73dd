package dev.rescue.analysis.java;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.LineClamp;
import dev.rescue.analysis.go.GoFrontEnd;
import dev.rescue.analysis.javascript.JavaScriptFrontEnd;
import dev.rescue.model.Language;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every Java, JavaScript and Go function of SafeCoder's sec-new-desc set (train and val, before
 * and after the fix) goes through {@code function()} without an exception; prints the share that
 * parses without error nodes per language. Skips when the shared data folder is absent.
 */
class SafeCoderFunctionsTest {
  private static final Map<Language, LanguageFrontEnd> FRONT_ENDS = Map.of(
      Language.JAVA, new JavaFrontEnd(), Language.JAVASCRIPT, new JavaScriptFrontEnd(), Language.GO, new GoFrontEnd());

  @Test
  void everyRealJavaJsAndGoFunctionIsModelledWithoutException() throws Exception {
    Path shared = Path.of(System.getProperty("rescue.shared", "../shared"));
    Path dir = shared.resolve("data/safecoder/safecoder");
    Requires.data(dir);
    ObjectMapper json = new ObjectMapper();
    Map<Language, int[]> counts = new EnumMap<>(Language.class); // {functions, clean, with statements}
    for (String split : new String[] {"train", "val"}) {
      Path file = dir.resolve(split).resolve("sec-new-desc.jsonl");
      if (!Files.exists(file)) continue;
      try (BufferedReader in = Files.newBufferedReader(file)) {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
          lineNo++;
          JsonNode row = json.readTree(line);
          Optional<Language> lang = Language.fromFileName(row.path("file_name").asText());
          if (lang.isEmpty() || !FRONT_ENDS.containsKey(lang.get())) continue;
          LanguageFrontEnd fe = FRONT_ENDS.get(lang.get());
          for (String side : new String[] {"func_src_before", "func_src_after"}) {
            String code = row.path(side).asText();
            FunctionModel m = fe.function(code);
            fe.apiCalls(code);
            int[] c = counts.computeIfAbsent(lang.get(), k -> new int[3]);
            c[0]++;
            if (!m.hasErrors()) c[1]++;
            if (!m.body().isEmpty()) c[2]++;
            assertThat(m.endLine()).as(split + ":" + lineNo + " " + side).isLessThanOrEqualTo(Math.max(1, LineClamp.lineCount(code)));
          }
        }
      }
    }
    counts.forEach((lang, c) -> System.out.printf("%s: %d functions, %d parse without errors (%.1f%%), %d with statements%n",
        lang.id(), c[0], c[1], 100.0 * c[1] / c[0], c[2]));
    assertThat(counts).containsKeys(Language.JAVA, Language.JAVASCRIPT, Language.GO);
    counts.forEach((lang, c) -> assertThat(c[2]).as(lang + " functions with statements").isGreaterThan(c[0] * 9 / 10));
  }
}
