package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.kb.KbJson;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private final BenchReport report = new BenchReport(12, 10, 3, "bundled", "minilm",
      new BenchReport.Latency(4, 8), new BenchReport.Latency(5, 9), new BenchReport.Latency(2, 3));

  @Test
  void jsonHoldsTheFiguresTheLinesShow() throws Exception {
    JsonNode j = KbJson.mapper().readTree(report.json());
    assertThat(j.get("tasks").asInt()).isEqualTo(12);
    assertThat(j.get("rounds").asInt()).isEqualTo(10);
    assertThat(j.get("warmup").asInt()).isEqualTo(3);
    assertThat(j.get("kb").asText()).isEqualTo("bundled");
    assertThat(j.get("embedder").asText()).isEqualTo("minilm");
    assertThat(j.at("/retrieval_ms/p50").asDouble()).isEqualTo(4);
    assertThat(j.at("/retrieval_ms/p95").asDouble()).isEqualTo(8);
    assertThat(j.at("/context_ms/p95").asDouble()).isEqualTo(9);
    assertThat(j.at("/embedding_ms/p50").asDouble()).isEqualTo(2);
    assertThat(j.at("/retrieval_over_embedding/p50").asDouble()).isEqualTo(2);
    assertThat(j.at("/retrieval_over_embedding/p95").asDouble()).isEqualTo(4);
  }

  @Test
  void linesAreTheOnesBenchPrinted() {
    assertThat(report.text()).isEqualTo(String.join(System.lineSeparator(),
        "tasks 12 x rounds 10 (warm-up 3), kb bundled, embedder minilm",
        "retrieval  p50    4.00 ms  p95    8.00 ms  (2.0x / 4.0x one query embedding)",
        "context()  p50    5.00 ms  p95    9.00 ms  (analysis + retrieval + assembly)",
        "embedding  p50    2.00 ms  p95    3.00 ms  (one query, the floor)", ""));
  }

  @Test
  void benchTakesJson() {
    assertThat(RescueCommand.commandLine().getSubcommands().get("bench").getCommandSpec()
        .findOption("--json")).isNotNull();
  }
}
