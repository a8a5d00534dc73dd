package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.jsonl is append-only, later lines win, and an errored sample is not done. */
class EvalResultsLogTest {
  static SampleResult result(Functional f, String reason, Integer tokens) {
    return new SampleResult("rescue", "t", 0, Language.PYTHON, "CWE-20", f, null, "none", List.of(), reason, 5, tokens);
  }

  @Test
  void anErroredSampleIsRetriedAndItsRetryWinsWithoutRewritingTheLog(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    var key = new SampleResult.Key("rescue", "t", 0);
    try (ResultsLog log = new ResultsLog(file)) {
      log.append(result(Functional.ERROR, "pytest wrote no report", null));
      assertThat(log.has(key)).as("an error is not a finished sample").isFalse();
      log.append(result(Functional.PASS, null, 321));
      assertThat(log.has(key)).isTrue();
      log.append(result(Functional.FAIL, "judged twice", 1));
    }
    assertThat(Files.readAllLines(file)).hasSize(2);
    try (ResultsLog log = new ResultsLog(file)) {
      assertThat(log.has(key)).isTrue();
      assertThat(log.all()).singleElement().satisfies(r -> {
        assertThat(r.functional()).isEqualTo(Functional.PASS);
        assertThat(r.promptTokens()).isEqualTo(321);
      });
    }
  }

  @Test
  void anErrorOnReopeningIsNotDoneAndOldLinesWithoutPromptTokensStillRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"task_id\":\"t\",\"sample\":0,\"method\":\"none\",\"functional\":\"error\",\"secure\":null,\"reason\":\"x\"}",
        "{\"task_id\":\"u\",\"sample\":0,\"method\":\"none\",\"functional\":\"pass\",\"secure\":true,\"millis\":3}", ""));
    try (ResultsLog log = new ResultsLog(file)) {
      assertThat(log.has(new SampleResult.Key("none", "t", 0))).isFalse();
      assertThat(log.has(new SampleResult.Key("none", "u", 0))).isTrue();
      assertThat(log.all()).extracting(SampleResult::promptTokens).containsOnlyNulls();
    }
  }
}
