package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.eval.setup.BenchmarkSource;
import dev.rescue.testing.Requires;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvalDoctorCommandTest {
  @Test
  void doctorPrintsJsonWithTheTaskCountsOfTheGivenBenchmark() throws Exception {
    Path shared = BenchmarkSource.sharedData(Path.of("").toAbsolutePath()).orElse(Path.of("../shared/data"));
    Path cweval = Requires.data(shared.resolve("cweval/benchmark"));
    EvalCommandTest.Run run = EvalCommandTest.run("eval", "doctor", "--json", "--benchmark", "cweval:" + cweval);
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(run.out());
    assertThat(j.path("tasks").asInt()).isEqualTo(119);
    assertThat(j.path("benchmarks").path(0).path("kind").asText()).isEqualTo("cweval");
    assertThat(j.path("benchmarks").path(0).path("languages")).hasSize(5);
    assertThat(j.path("machine").findValuesAsText("name")).contains("python3", "go", "node", "bandit", "codeql");
    assertThat(j.path("apt_line").asText()).satisfiesAnyOf(
        s -> assertThat(s).isEmpty(), s -> assertThat(s).startsWith("apt-get install -y "));
  }

  @Test
  void evalWithoutItsOptionsStillSaysWhichAreMissing() {
    EvalCommandTest.Run run = EvalCommandTest.run("eval", "--out", "unused");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--benchmark=KIND:DIR'");
    assertThat(EvalCommandTest.run("eval").err()).contains("'--benchmark=KIND:DIR', '--out=DIR'");
  }
}
