package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.kb.KbJson;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.ChatTaskExtractor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyBenchTest {
  @Test
  void clientCountsAreAListOfPositiveNumbers() {
    assertThat(ProxyBench.clientCounts("1, 8,32")).containsExactly(1, 8, 32);
    assertThatThrownBy(() -> ProxyBench.clientCounts("1,0")).hasMessageContaining("'0'");
    assertThatThrownBy(() -> ProxyBench.clientCounts("1,many")).hasMessageContaining("'many'");
  }

  @Test
  void theProxyFindsTheBenchTaskInItsChatRequest() throws Exception {
    Task t = new Task("t", "Fix this config loader", "import yaml\nyaml.load(open(p))", Language.PYTHON);
    JsonNode request = ResultJson.MAPPER.readTree(ProxyBench.chatBody(t));
    Task found = new ChatTaskExtractor().find(request, "id").orElseThrow();
    assertThat(found.task()).isEqualTo(t.task());
    assertThat(found.code()).isEqualTo(t.code());
    assertThat(found.language()).isEqualTo(Language.PYTHON);
  }

  @Test
  void jsonHoldsTheFiguresTheLinesShow() throws Exception {
    ProxyBench.Report r = new ProxyBench.Report(12, 50, 2, "bundled", "bge", 100,
        new ProxyBench.Report.CpuMs(9.5, 8.25, 7.0, 1.5), 210.5,
        List.of(new ProxyBench.Level(8, 200, 0, 2.0, 100.0, new dev.rescue.cli.BenchReport.Latency(3.5, 12.0), 9.75)),
        "0.1", "0.2");
    JsonNode j = KbJson.mapper().readTree(r.json());
    assertThat(j.at("/cpu_ms/chat").asDouble()).isEqualTo(9.5);
    assertThat(j.at("/cpu_ms/security_context").asDouble()).isEqualTo(8.25);
    assertThat(j.at("/levels/0/overhead_ms/p95").asDouble()).isEqualTo(12.0);
    assertThat(r.text()).contains("chat completion     9.50 ms   (capacity 211 req/s on 2 cores)")
        .contains("      8       200       0   100.0/s         3.5 ms   12.0 ms    9.75 ms");
  }
}
