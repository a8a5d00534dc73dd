package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.llm.FakeChatServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  static final String BENCH = "humaneval:src/test/resources/testdata/eval/humaneval";
  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void scoresGivenCompletionsWithoutAnLlmAndWritesTheReports(@TempDir Path dir) throws Exception {
    Path completions = dir.resolve("c.jsonl");
    Files.writeString(completions, String.join("\n",
        "{\"task_id\":\"add\",\"completion\":\"    return a + b\\n\"}",
        "{\"task_id\":\"add\",\"completion\":\"    return a - b\\n\"}",
        "{\"task_id\":\"double\",\"program\":\"def double(x):\\n    return 2 * x\\n\"}"));
    Path out = dir.resolve("run");
    Run r = run("eval", "--benchmark", BENCH, "--completions", completions.toString(), "--out", out.toString(),
        "--no-progress", "--k", "1,2");
    // broken.yaml is reported as a problem: exit 1, the rest scored
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.INPUT_FAILED);
    assertThat(r.err()).contains("broken.yaml");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.path("tasks").asInt()).isEqualTo(2);
    assertThat(s.path("samples").asInt()).isEqualTo(3);
    assertThat(s.path("pass@1").asDouble()).isEqualTo((0.5 + 1.0) / 2);
    assertThat(s.path("pass@2").asDouble()).isEqualTo(1.0);
    assertThat(s.has("secure_pass@1")).isTrue();
    assertThat(s.path("secure_rate").isNull()).isTrue();
    assertThat(s.has("per_cwe")).isTrue();
    assertThat(s.path("per_language").has("py")).isTrue();
    assertThat(s.has("skipped")).isTrue();
    assertThat(s.has("oracles")).isTrue();
    assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3)
        .allSatisfy(l -> assertThat(JSON.readTree(l).has("reason")).isTrue());
    assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").doesNotContain("http://cdn", "https://");
    // SP@1: add#1 failed, so it is no secure pass; the passing samples were never security-checked, so
    // they are left out of SP@1 (2 unchecked) rather than counted as insecure
    assertThat(s.path("secure_pass@1").asDouble()).isEqualTo(0.0);
    assertThat(s.path("security_unchecked").asInt()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("| none | 0.0% | 75.0% | - | - | - | 2 | 3 | 0 | 2 | 0 |");
    assertThat(JSON.readTree(r.out()).path("samples").asInt()).isEqualTo(3);

    Run again = run("eval", "--benchmark", BENCH, "--completions", completions.toString(), "--out", out.toString(),
        "--no-progress");
    assertThat(again.err()).contains("scored 0 samples (3 already done, 0 retried after an error)");
    assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3);
  }

  @Test
  void generatesSamplesWithTheLlmAloneAgainstAFakeServer(@TempDir Path dir) throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> FakeChatServer.completion(chat.lastMessage().contains("def add")
          ? "```python\ndef add(a, b):\n    return a + b\n```" : "```python\ndef double(x):\n    return x\n```"));
      Path out = dir.resolve("gen");
      Run r = run("eval", "--benchmark", BENCH, "--out", out.toString(), "--method", "none", "-n", "2",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake", "--no-progress", "--top-p", "0.9");
      assertThat(server.chats()).hasSize(4);
      assertThat(server.chats().get(0).body().path("top_p").asDouble()).isEqualTo(0.9);
      JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
      assertThat(s.path("method").asText()).isEqualTo("none");
      assertThat(s.path("per_task").path("add").path("pass@1").asDouble()).as(r.err()).isEqualTo(1.0);
      assertThat(s.path("per_task").path("double").path("pass@1").asDouble()).isEqualTo(0.0);
    }
  }

  @Test
  void rescueSamplesWithTheSameNucleusSettingAsTheLlmAlone(@TempDir Path dir) throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> FakeChatServer.completion("```python\ndef add(a, b):\n    return a + b\n```"));
      Path out = dir.resolve("gen");
      Run r = run("eval", "--benchmark", BENCH, "--out", out.toString(), "--method", "rescue", "-n", "1",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake", "--no-progress");

      List<JsonNode> finals = server.chats().stream()
          .filter(c -> !c.lastMessage().contains("security analyst") && !c.lastMessage().startsWith("Write a complete implementation"))
          .map(FakeChatServer.Chat::body).toList();
      assertThat(finals).as(r.err()).hasSize(2)
          .allSatisfy(b -> assertThat(b.path("top_p").asDouble()).isEqualTo(EvalCommand.DEFAULT_TOP_P));
    }
  }

  @Test
  void anUnknownBenchmarkKindIsAUsageError(@TempDir Path dir) {
    Run r = run("eval", "--benchmark", "nosuch:" + dir, "--completions", "x", "--out", dir.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnknownKindNamesTheKinds(@TempDir Path dir) throws Exception {
    Path c = dir.resolve("c.jsonl");
    Files.writeString(c, "");
    Run r = run("eval", "--benchmark", "nosuch:" + dir, "--completions", c.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown kind 'nosuch'").contains("cweval");
  }

  @Test
  void anUnknownLanguageIsAUsageErrorNamingItBeforeAnyWork(@TempDir Path dir) {
    Run r = run("eval", "--benchmark", BENCH, "--references", "secure", "--language", "py,cobol",
        "--out", dir.resolve("run").toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--language: unknown language 'cobol'");
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void languagesAreMatchedAsLanguagesSoAnAliasSelectsTheSameTasks(@TempDir Path dir) throws Exception {
    Path completions = dir.resolve("c.jsonl");
    Files.writeString(completions, "{\"task_id\":\"add\",\"completion\":\"    return a + b\\n\"}\n");
    JsonNode byId = languages(dir, completions, "py");
    JsonNode byAlias = languages(dir, completions, "python");
    JsonNode other = languages(dir, completions, "c");
    assertThat(byId.has("py")).as(byId.toString()).isTrue();
    assertThat(byAlias).isEqualTo(byId);
    assertThat(other.has("py")).as(other.toString()).isFalse();
  }

  private static JsonNode languages(Path dir, Path completions, String language) throws Exception {
    Run r = run("eval", "--benchmark", BENCH, "--completions", completions.toString(), "--language", language,
        "--out", dir.resolve("run-" + language).toString(), "--no-progress");
    return JSON.readTree(r.out()).path("per_language");
  }
}
