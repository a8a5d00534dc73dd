package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code context} and {@code retrieve} run in-process on the bundled KB with no LLM. */
class ContextCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void yamlUploadTaskGetsTheDeserializationGuidelineFirst() throws Exception {
    int code = run("context", "Write a Flask endpoint that loads a YAML config uploaded by the user", "--json", "--no-llm");
    assertThat(code).as(err.toString()).isZero();
    JsonNode r = JSON.readTree(out.toString());
    assertThat(r.get("abstained").asBoolean()).isFalse();
    assertThat(r.get("cwes").get(0).get("cwe").asText()).isEqualTo("CWE-502");
    assertThat(r.get("context").asText()).contains("safe_load");
    assertThat(r.get("context_tokens").asInt()).isPositive();
    assertThat(r.get("cwes").get(0).get("facets").get("cause").get("passed").asBoolean()).isTrue();
  }

  @Test
  void ordinaryTaskAbstainsAndPrintsNothingOnStdout() {
    int code = run("context", "Write a function that returns the n-th Fibonacci number", "--no-llm");
    assertThat(code).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("abstained");
  }

  @Test
  void fullContextGivesLowerRankedCwesTheirWholeGuidelineAndANegativePriorIsAUsageError() throws Exception {
    String task = "Write a Flask endpoint that loads a YAML config uploaded by the user";
    run("context", task, "--json", "--no-llm");
    JsonNode tiered = JSON.readTree(out.toString());
    out.getBuffer().setLength(0);
    run("context", task, "--json", "--no-llm", "--full-context");
    JsonNode full = JSON.readTree(out.toString());

    assertThat(full.get("cwes").size()).isGreaterThan(1);
    assertThat(full.get("context_tokens").asInt()).isGreaterThan(tiered.get("context_tokens").asInt());
    assertThat(full.get("examples").size()).isGreaterThan(tiered.get("examples").size());

    assertThat(run("context", task, "--no-llm", "--prevalence-weight", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--prevalence-weight");
  }

  @Test
  void givenCodeFeedsTheApiFacet(@TempDir Path dir) throws Exception {
    Path code = dir.resolve("handler.py");
    Files.writeString(code, "import subprocess\n\ndef ping(host):\n    return subprocess.call('ping -c 1 ' + host, shell=True)\n");
    int exit = run("context", "", "--code", code.toString(), "--json", "--no-llm");
    assertThat(exit).as(err.toString()).isZero();
    JsonNode r = JSON.readTree(out.toString());
    List<String> cwes = new ArrayList<>();
    r.get("cwes").forEach(c -> cwes.add(c.get("cwe").asText()));
    assertThat(cwes).contains("CWE-78");
  }

  @Test
  void missingCodeFileIsAUsageError() {
    assertThat(run("context", "x", "--code", "/no/such/file.py")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("/no/such/file.py");
  }

  @Test
  void retrieveKeepsEveryLineInOrderAndReportsBadOnes(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("tasks.jsonl");
    Path outFile = dir.resolve("out/results.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"id\":\"yaml\",\"task\":\"Write a Flask endpoint that loads a YAML config uploaded by the user\"}",
        "{not json",
        "{\"id\":\"lang\",\"task\":\"x\",\"language\":\"cobol\"}",
        "{\"id\":\"empty\",\"task\":\"\"}",
        "{\"id\":\"fib\",\"task\":\"Write a function that returns the n-th Fibonacci number\"}",
        "{\"id\":\"big\",\"task\":\"" + "a".repeat(300_000) + "\"}") + "\n");
    int code = run("retrieve", "--input", in.toString(), "--output", outFile.toString());
    assertThat(code).isEqualTo(ExitCodes.INPUT_FAILED);
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(outFile)) lines.add(JSON.readTree(l));
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0).get("id").asText()).isEqualTo("yaml");
    assertThat(lines.get(0).has("error")).isFalse();
    assertThat(lines.get(1).get("id").asText()).isEqualTo("line 2");
    assertThat(lines.get(1).get("error").asText()).contains("malformed JSON");
    assertThat(lines.get(2).get("error").asText()).contains("unknown language 'cobol'");
    assertThat(lines.get(3).get("error").asText()).contains("both are empty");
    assertThat(lines.get(4).get("abstained").asBoolean()).isTrue();
    assertThat(lines.get(5).get("error").asText()).contains("limit");
    assertThat(err.toString()).contains("4 of 6 lines failed");
  }
  @Test
  void anUnreachableLlmGivesOneWarningAndTheNoLlmAnalysis(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String llm = "http://127.0.0.1:" + port + "/v1";
    String task = "Write a Flask endpoint that loads a YAML config uploaded by the user";

    int code = run("context", task, "--json", "--llm-base-url", llm, "--llm-model", "m");

    assertThat(code).as(err.toString()).isZero();
    assertThat(JSON.readTree(out.toString()).at("/cwes/0/cwe").asText()).isEqualTo("CWE-502");
    assertThat(err.toString().lines().filter(l -> l.contains("warning")).toList()).containsExactly(
        "rescue: warning: cannot connect to the LLM at " + llm + "/chat/completions (connection refused); "
            + "analysing without the LLM");

    Path in = dir.resolve("tasks.jsonl");
    Files.writeString(in, "{\"id\":\"a\",\"task\":\"" + task + "\"}\n{\"id\":\"b\",\"task\":\"Store user passwords\"}\n");
    err.getBuffer().setLength(0);
    code = run("retrieve", "--input", in.toString(), "--output", dir.resolve("o.jsonl").toString(), "--llm",
        "--llm-base-url", llm, "--llm-model", "m");
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString().lines().filter(l -> l.contains("warning"))).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("o.jsonl"))).hasSize(2).noneMatch(l -> l.contains("\"error\""));
  }
}
