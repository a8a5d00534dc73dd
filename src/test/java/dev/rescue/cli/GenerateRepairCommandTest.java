package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code generate --repair} in-process over the bundled KB and the real checker, against a fake LLM.
 * The fake's answers depend on the request's text only, so an answer the LLM cache kept from an
 * earlier run is the same answer.
 */
class GenerateRepairCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TASK = "Write a Python function that returns the output of ls -l for a folder the user names";
  static final String SHELL = "import subprocess\n\ndef ls(path):\n"
      + "    return subprocess.check_output('ls -l ' + path, shell=True, text=True)\n";
  /** The KB's own safe alternative (subprocess.run), with an argument list. */
  static final String FIXED = "import subprocess\n\ndef ls(path):\n"
      + "    return subprocess.run(['ls', '-l', path], capture_output=True, text=True, check=True).stdout\n";
  static final String REPAIR = "A security check found these weaknesses";

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  static MockResponse answer(FakeChatServer.Chat chat, String repaired) {
    String prompt = chat.lastMessage();
    if (prompt.contains("security analyst")) return FakeChatServer.completion("OS command injection through the folder name.");
    if (prompt.contains(REPAIR)) return FakeChatServer.completion("```python\n" + repaired + "```");
    return FakeChatServer.completion("```python\n" + SHELL + "```");
  }

  @Test
  void theShellCallIsSentBackWithItsGuidelineAndTheFixIsPrinted() throws Exception {
    Requires.tool("bandit");
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> answer(chat, FIXED));
      Run r = run("generate", TASK, "--language", "py", "--repair", "3", "--json",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake");
      JsonNode o = JSON.readTree(r.out());
      JsonNode repair = o.path("repair");
      assertThat(repair.path("rounds").get(0).path("findings").findValuesAsText("cwe")).as(r.err()).contains("CWE-78");
      assertThat(repair.path("kept").asInt()).as(repair.toString()).isPositive();
      assertThat(o.path("code").asText()).isEqualTo(FIXED);
      assertThat(repair.path("max_rounds").asInt()).isEqualTo(3);
      assertThat(repair.path("guidance").asBoolean()).isTrue();
      JsonNode kept = repair.path("rounds").get(repair.path("kept").asInt());
      assertThat(kept.path("prompt_tokens").asInt()).isPositive();
      assertThat(kept.path("completion_tokens").asInt()).isPositive();
      // exit 1 exactly when findings remain in the printed code
      assertThat(r.exit()).isEqualTo(kept.path("findings").isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_FAILED);
      String request = server.chats().stream().map(FakeChatServer.Chat::lastMessage).filter(t -> t.contains(REPAIR))
          .findFirst().orElseThrow();
      assertThat(request).contains("CWE-78:\n- line 4").contains("Guideline: ").contains(SHELL);
    }
  }

  @Test
  void aStubbornLlmStopsAtTheRoundCapKeepsTheFirstCandidateAndExitsOne() throws Exception {
    Requires.tool("bandit");
    try (FakeChatServer server = new FakeChatServer()) {
      // each repair answer differs from the code it was sent (one more comment line) and keeps the shell call
      server.answering(chat -> {
        String p = chat.lastMessage();
        if (!p.contains(REPAIR)) return answer(chat, "");
        int start = p.indexOf("```python\n", p.indexOf("Answer with")) + "```python\n".length();
        return FakeChatServer.completion("```python\n# tried\n" + p.substring(start, p.lastIndexOf("```")) + "```");
      });
      Run r = run("generate", TASK, "--language", "py", "--repair", "2", "--json",
          "--llm-base-url", server.baseUrl().toString(), "--llm-model", "fake");
      JsonNode repair = JSON.readTree(r.out()).path("repair");
      assertThat(repair.path("stop").asText()).as(r.out()).isEqualTo("rounds");
      assertThat(repair.path("rounds")).hasSize(3);
      assertThat(repair.path("kept").asInt()).isZero();
      assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_FAILED);
    }
  }

  @Test
  void repairCapsWithoutRepairAreAUsageError() {
    Run r = run("generate", TASK, "--repair-max-tokens", "100", "--llm-base-url", "http://127.0.0.1:9/v1");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--repair N");
    Run bad = run("generate", TASK, "--repair", "1", "--repair-fail-on", "severe", "--llm-base-url", "http://127.0.0.1:9/v1");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--repair-fail-on").contains("'severe'");
  }
}
