package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repair methods beside the others in one run, on real CWEval tasks through the real harness
 * and the real checker, against a fake LLM: the generation of cwe_078_0 runs ls through a shell, a
 * repair request is answered with the secure reference.
 */
class EvalCommandRepairTest {
  static final List<String> TASKS = List.of("cwe_020_0", "cwe_078_0");
  static final String SAFE_CALL = "['ls', '-l', dir_path], stderr=subprocess.STDOUT, text=True";
  static final String SHELL_CALL = "'ls -l ' + dir_path, shell=True, stderr=subprocess.STDOUT, text=True";

  @Test
  void repairAndRescuePlusRepairRunInTheSameTableAndFixTheShellInjection(@TempDir Path dir) throws Exception {
    Path bench = EvalCommandMethodsTest.cweval();
    Requires.that(Requires.onPath("python3"), "python3 missing");
    Requires.tool("bandit");
    Map<String, String> refs = new LinkedHashMap<>();
    for (String t : TASKS) {
      String text = Files.readString(bench.resolve("core/py/" + t + "_task.py"), StandardCharsets.UTF_8);
      refs.put(text.substring(0, text.indexOf("# BEGIN SOLUTION")).strip(), text);
    }
    String ref78 = refs.values().stream().filter(v -> v.contains("get_ls_result")).findFirst().orElseThrow();
    assertThat(ref78).contains(SAFE_CALL);
    String shell78 = ref78.replace(SAFE_CALL, SHELL_CALL);
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> {
        boolean repair = chat.lastMessage().contains("A security check found these weaknesses");
        for (var e : refs.entrySet()) {
          if (!chat.allText().contains(e.getKey())) continue;
          String code = !repair && e.getValue() == ref78 ? shell78 : e.getValue();
          return FakeChatServer.completion("```python\n" + code + "\n```");
        }
        return FakeChatServer.completion("{}");
      });
      Path out = dir.resolve("run");
      EvalCommandMethodsTest.Run r = EvalCommandMethodsTest.run("eval", "--benchmark", "cweval:" + bench,
          "--out", out.toString(), "--method", "none,repair,rescue+repair", "-n", "1",
          "--tasks", "core/py/cwe_0(20|78)_0$", "--repair", "2", "--llm-base-url", server.baseUrl().toString(),
          "--llm-model", "fake", "--no-progress", "--k", "1", "--jobs", "2");
      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);

      Map<String, JsonNode> lines = new LinkedHashMap<>();
      for (String l : Files.readAllLines(out.resolve("results.jsonl"))) {
        JsonNode j = EvalCommandMethodsTest.json(l);
        lines.put(j.path("method").asText() + " " + j.path("task_id").asText(), j);
      }
      assertThat(lines).hasSize(6);
      assertThat(lines.get("none core/py/cwe_078_0").has("repair")).isFalse();
      // the LLM alone wrote the shell call and CWEval's own test finds it insecure
      assertThat(lines.get("none core/py/cwe_078_0").path("secure").asBoolean()).isFalse();
      for (String m : List.of("repair", "rescue+repair")) {
        JsonNode l = lines.get(m + " core/py/cwe_078_0");
        JsonNode rep = l.path("repair");
        assertThat(rep.path("findings_first").asInt()).as(l.toString()).isPositive();
        assertThat(rep.path("rounds").asInt()).as(l.toString()).isBetween(1, 2);
        assertThat(rep.path("kept").asInt()).as(l.toString()).isPositive();
        assertThat(rep.path("tokens").asInt()).as(l.toString()).isPositive();
        // the kept candidate is the fix: it passes CWEval's functional and security tests
        assertThat(l.path("functional").asText()).as(l.toString()).isEqualTo("pass");
        assertThat(l.path("secure").asBoolean()).as(l.toString()).isTrue();
        assertThat(lines.get(m + " core/py/cwe_020_0").has("repair")).isTrue();
      }
      // the baseline's request carries the findings alone, RESCUE's the guideline too
      List<String> repairs = server.chats().stream().map(FakeChatServer.Chat::lastMessage)
          .filter(t -> t.contains("A security check found these weaknesses") && t.contains("get_ls_result")).toList();
      assertThat(repairs).anySatisfy(t -> assertThat(t).contains("CWE-78:").doesNotContain("Guideline:"));
      assertThat(repairs).anySatisfy(t -> assertThat(t).contains("CWE-78:").contains("Guideline:"));

      JsonNode s = EvalCommandMethodsTest.json(Files.readString(out.resolve("summary.json")));
      assertThat(s.path("comparison").findValuesAsText("method")).containsExactly("none", "repair", "rescue+repair");
      for (String m : List.of("repair", "rescue+repair")) {
        JsonNode rep = s.path("methods").path(m).path("repair");
        assertThat(rep.path("samples").asInt()).isEqualTo(2);
        assertThat(rep.path("flagged_as_generated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(rep.path("clean_after_repair").asInt() + rep.path("replaced").asInt()).isPositive();
      }
      assertThat(s.path("methods").path("none").has("repair")).isFalse();
      assertThat(Files.readString(out.resolve("report.md"))).contains("## Repair").contains("| rescue+repair | 2 |");
    }
  }

  @Test
  void repairOptionsWithoutARepairMethodAreAUsageError(@TempDir Path dir) {
    EvalCommandMethodsTest.Run r = EvalCommandMethodsTest.run("eval", "--benchmark",
        "humaneval:src/test/resources/testdata/eval/humaneval", "--out", dir.toString(), "--method", "rescue",
        "--repair", "2", "--llm-base-url", "http://127.0.0.1:9/v1");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--repair").contains("rescue+repair");
  }
}
