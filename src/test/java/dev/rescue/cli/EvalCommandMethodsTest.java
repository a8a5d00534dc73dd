package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Several methods in one run on real CWEval tasks, against a fake LLM that answers the secure reference. */
class EvalCommandMethodsTest {
  static final Path CWEVAL = Path.of("../shared/data/cweval/benchmark");
  static final Path CWEVAL_ABS = Path.of("/work/shared/data/cweval/benchmark");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TASKS = List.of("cwe_020_0", "cwe_022_0");

  record Run(int exit, String out, String err, EvalCommand command) {}

  static Run run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    CommandLine sub = cl.getSubcommands().get("eval");
    return new Run(exit, out.toString(), err.toString(), sub.getCommand());
  }

  static Path cweval() {
    return Files.isDirectory(CWEVAL) ? CWEVAL : Requires.data(CWEVAL_ABS);
  }

  /** The reference program of the task whose prompt the chat contains (the code before BEGIN SOLUTION is unique). */
  static Map<String, String> references(Path bench) throws Exception {
    Map<String, String> refs = new LinkedHashMap<>();
    for (String t : TASKS) {
      String text = Files.readString(bench.resolve("core/py/" + t + "_task.py"), StandardCharsets.UTF_8);
      refs.put(text.substring(0, text.indexOf("# BEGIN SOLUTION")).strip(), text);
    }
    return refs;
  }

  @Test
  void noneBaselineRescueAndAnAblationInOneRunGiveOneResultsFileAndOneComparison(@TempDir Path dir) throws Exception {
    Path bench = cweval();
    Requires.that(Requires.onPath("python3"), "python3 missing");
    Map<String, String> refs = references(bench);
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> {
        String all = chat.allText();
        for (var e : refs.entrySet()) {
          if (all.contains(e.getKey())) return FakeChatServer.completion("```python\n" + e.getValue() + "\n```");
        }
        return FakeChatServer.completion("{}");
      });
      Path out = dir.resolve("run");
      Run r = run("eval", "--benchmark", "cweval:" + bench, "--out", out.toString(),
          "--method", "none,baseline,rescue,rescue-no-guideline", "-n", "1", "--tasks", "core/py/cwe_02[02]_0$",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake", "--no-progress", "--k", "1", "--jobs", "2");

      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
      List<JsonNode> lines = Files.readAllLines(out.resolve("results.jsonl")).stream().map(EvalCommandMethodsTest::json).toList();
      Set<String> keys = new TreeSet<>();
      lines.forEach(l -> keys.add(l.path("method").asText() + " " + l.path("task_id").asText()));
      assertThat(keys).hasSize(8).contains("none core/py/cwe_020_0", "rescue-no-guideline core/py/cwe_022_0");
      assertThat(lines).allSatisfy(l -> assertThat(l.path("prompt_tokens").asInt()).isPositive());

      JsonNode s = json(Files.readString(out.resolve("summary.json")));
      List<String> methods = s.path("comparison").findValuesAsText("method");
      assertThat(methods).containsExactly("none", "baseline", "rescue", "rescue-no-guideline");
      // the secure references pass their functional and security tests whatever the method
      for (JsonNode row : s.path("comparison")) {
        assertThat(row.path("pass@1").asDouble()).as(row.toString()).isEqualTo(1.0);
        assertThat(row.path("secure_pass@1").asDouble()).as(row.toString()).isEqualTo(1.0);
        assertThat(row.path("errors").asInt()).isZero();
      }
      assertThat(s.path("comparison").get(2).path("functional_retention").asDouble()).isEqualTo(1.0);
      // the final generation of every method samples with the eval's nucleus setting
      List<JsonNode> finals = server.chats().stream()
          .filter(c -> !c.lastMessage().contains("security analyst") && !c.lastMessage().startsWith("Write a complete implementation"))
          .map(FakeChatServer.Chat::body).toList();
      assertThat(finals).hasSize(8).allSatisfy(b -> assertThat(b.path("top_p").asDouble()).isEqualTo(EvalCommand.DEFAULT_TOP_P));
      assertThat(r.err()).contains("| method | SP@1 | pass@1 |").contains("| rescue-no-guideline | 100.0% | 100.0% |");
      String md = Files.readString(out.resolve("report.md"));
      assertThat(md).contains("| baseline | 100.0% | 100.0% |");
      // the option objects the command was given are left as parsed
      assertThat(r.command().switches.topP).isNull();
      assertThat(r.command().switches.retriever).isEqualTo("rescue");
    }
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSampleTheHarnessCouldNotJudgeIsNoFailExitsOneWithItsReasonAndIsRetried(@TempDir Path dir) throws Exception {
    Path bench = cweval();
    Requires.that(Requires.onPath("python3"), "python3 missing");
    String ref20 = Files.readString(bench.resolve("core/py/cwe_020_0_task.py"));
    String ref22 = Files.readString(bench.resolve("core/py/cwe_022_0_task.py"));
    Path out = Files.createDirectories(dir.resolve("run"));
    // an earlier run in this folder could not judge cwe_022_0 (the harness failed, not the sample: a
    // sample's own doings, os._exit included, are its fail); nothing a sample does can forge this line
    Files.writeString(out.resolve("results.jsonl"), JSON.createObjectNode().put("task_id", "core/py/cwe_022_0")
        .put("sample", 0).put("method", "none").put("language", "py").put("cwe", "CWE-22").put("functional", "error")
        .putNull("secure").put("oracle", "cweval-dynamic").put("reason", "pytest did not start the harness plugin: disk full")
        .put("millis", 5) + "\n");
    Path c = dir.resolve("c.jsonl");
    Files.writeString(c, JSON.createObjectNode().put("task_id", "core/py/cwe_020_0").put("program", ref20) + "\n");
    Run r = run("eval", "--benchmark", "cweval:" + bench, "--completions", c.toString(), "--out", out.toString(),
        "--no-progress", "--k", "1");
    JsonNode s = json(Files.readString(out.resolve("summary.json")));
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.INPUT_FAILED);
    assertThat(s.path("errors").asInt()).as(r.err()).isEqualTo(1);
    assertThat(s.path("samples").asInt()).isEqualTo(1);
    assertThat(s.path("pass@1").asDouble()).isEqualTo(1.0);
    assertThat(r.err()).contains("1 samples errored").contains("1 x pytest did not start the harness plugin");
    assertThat(s.path("error_reasons").fieldNames().next()).startsWith("pytest did not start the harness plugin");

    Files.writeString(c, JSON.createObjectNode().put("task_id", "core/py/cwe_020_0").put("program", ref20) + "\n"
        + JSON.createObjectNode().put("task_id", "core/py/cwe_022_0").put("program", ref22) + "\n");
    Run again = run("eval", "--benchmark", "cweval:" + bench, "--completions", c.toString(), "--out", out.toString(),
        "--no-progress", "--k", "1");
    assertThat(again.err()).contains("scored 1 samples (1 already done, 1 retried after an error)");
    assertThat(again.exit()).as(again.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void theRetrieverIsChosenByTheMethodNotByRetriever(@TempDir Path dir) {
    Run r = run("eval", "--benchmark", "humaneval:src/test/resources/testdata/eval/humaneval", "--out",
        dir.toString(), "--method", "rescue", "--retriever", "baseline", "--llm-base-url", "http://127.0.0.1:9/v1");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--method").contains("baseline");
  }

  @Test
  void theWholeFunctionAblationWithoutItsKbIsAUsageErrorSayingWhy(@TempDir Path dir) {
    Run r = run("eval", "--benchmark", "humaneval:src/test/resources/testdata/eval/humaneval", "--out",
        dir.toString(), "--method", "rescue,rescue-whole-function", "--llm-base-url", "http://127.0.0.1:9/v1");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--whole-function-kb").contains("--no-slicing");
  }

  @Test
  void theWholeFunctionAblationRunsOverTheKbItIsGiven(@TempDir Path dir) throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> FakeChatServer.completion(chat.allText().contains("def add")
          ? "```python\ndef add(a, b):\n    return a + b\n```" : "```python\ndef double(x):\n    return 2 * x\n```"));
      Path out = dir.resolve("run");
      // 'bundled' names the curated KB, standing in for one built with --no-slicing
      Run r = run("eval", "--benchmark", "humaneval:src/test/resources/testdata/eval/humaneval", "--out", out.toString(),
          "--method", "rescue-whole-function", "--whole-function-kb", "bundled", "-n", "1", "--k", "1",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake", "--no-progress");
      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.INPUT_FAILED); // broken.yaml is an input problem
      JsonNode s = json(Files.readString(out.resolve("summary.json")));
      assertThat(s.path("comparison").findValuesAsText("method")).containsExactly("rescue-whole-function");
      assertThat(s.path("methods").path("rescue-whole-function").path("pass@1").asDouble()).isEqualTo(1.0);
    }
  }
}
