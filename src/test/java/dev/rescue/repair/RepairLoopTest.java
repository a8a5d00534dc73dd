package dev.rescue.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.check.Severity;
import dev.rescue.internal.Tokens;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.llm.LlmClient;
import dev.rescue.LlmClients;
import dev.rescue.llm.LlmSettings;
import dev.rescue.model.Language;
import dev.rescue.repair.RepairOutcome.StopReason;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair loop over the real LLM client stack (cache, retries) against a fake OpenAI-compatible server. */
class RepairLoopTest {
  static final String TASK = "List the files of a folder the user names";
  static final String VULNERABLE = "import subprocess\n\ndef ls(path):\n    return subprocess.run('ls ' + path, shell=True)\n";
  static final String FIXED = "import subprocess\n\ndef ls(path):\n    return subprocess.run(['ls', path], check=True)\n";

  @TempDir Path cache;

  LlmClient client(FakeChatServer server) {
    return LlmClients.fromSettings(LlmSettings.none().withBaseUrl(server.baseUrl().toString()).withModel("fake")
        .withCacheDir(cache).withMaxAttempts(1));
  }

  static MockResponse code(String code) {
    return FakeChatServer.completion("Here is the fixed code:\n```python\n" + code + "```\n");
  }

  RepairOutcome run(FakeChatServer server, RepairPolicy policy, String code) {
    return new RepairLoop(client(server), FakeCheckers.markers(), policy).run("ls.py", TASK, Language.PYTHON, code);
  }

  static RepairPolicy rounds(int n) {
    return RepairPolicy.defaults().withRounds(n);
  }

  @Test
  void aFindingGoesBackWithItsCweLocationMessageAndGuideline() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(FIXED));
      run(server, rounds(3), VULNERABLE);
      String prompt = server.chats().get(0).lastMessage();
      assertThat(prompt).contains("CWE-78:\n- line 4, column 41 (bandit B602, high): subprocess call with shell=True\n")
          .contains("Guideline: " + FakeCheckers.GUIDELINE_78)
          .contains("Secure example:\n```python\n" + FakeCheckers.EXAMPLE_78 + "\n```")
          .contains("```python\n" + VULNERABLE + "```")
          .contains(TASK);
    }
  }

  @Test
  void withoutGuidanceOnlyTheFindingsGoBack() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(FIXED));
      run(server, rounds(3).withGuidance(false), VULNERABLE);
      String prompt = server.chats().get(0).lastMessage();
      assertThat(prompt).contains("CWE-78:\n- line 4, column 41").doesNotContain(FakeCheckers.GUIDELINE_78)
          .doesNotContain(FakeCheckers.EXAMPLE_78);
    }
  }

  @Test
  void aFixedAnswerEndsTheLoop() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(FIXED));
      RepairOutcome o = run(server, rounds(5), VULNERABLE);
      assertThat(server.chats()).hasSize(1);
      assertThat(o.stop()).isEqualTo(StopReason.CLEAN);
      assertThat(o.rounds()).hasSize(2);
      assertThat(o.kept()).isEqualTo(1);
      assertThat(o.code()).isEqualTo(FIXED);
      assertThat(o.rounds().get(0).findings()).extracting(f -> f.cwe()).containsExactly("CWE-78");
      assertThat(o.rounds().get(1).findings()).isEmpty();
    }
  }

  @Test
  void cleanCodeIsNotSentAtAll() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      RepairOutcome o = run(server, rounds(3), FIXED);
      assertThat(server.chats()).isEmpty();
      assertThat(o.stop()).isEqualTo(StopReason.CLEAN);
      assertThat(o.kept()).isZero();
      assertThat(o.tokens()).isZero();
    }
  }

  @Test
  void aStubbornAnswerStopsAfterNRoundsAndTheFirstOfEqualsIsKept() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      // a new wording each round, the same weakness
      server.answering(chat -> code("# attempt " + chat.index() + "\n" + VULNERABLE));
      RepairOutcome o = run(server, rounds(2), VULNERABLE);
      assertThat(server.chats()).hasSize(2);
      assertThat(o.stop()).isEqualTo(StopReason.ROUNDS);
      assertThat(o.rounds()).hasSize(3);
      assertThat(o.rounds()).allSatisfy(r -> assertThat(r.findings()).hasSize(1));
      assertThat(o.kept()).isZero();
      assertThat(o.code()).isEqualTo(VULNERABLE);
    }
  }

  @Test
  void anAnswerRepeatingAnEarlierCandidateStopsTheLoop() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(VULNERABLE));
      RepairOutcome o = run(server, rounds(5), VULNERABLE);
      assertThat(server.chats()).hasSize(1);
      assertThat(o.stop()).isEqualTo(StopReason.UNCHANGED);
    }
  }

  @Test
  void eachRoundsPromptAndAnswerTokensAreCounted() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      List<String> answers = List.of("```python\n# one\n" + VULNERABLE + "```", "```python\n" + FIXED + "```");
      server.answering(chat -> FakeChatServer.completion(answers.get(chat.index())));
      RepairOutcome o = run(server, rounds(3), VULNERABLE);
      assertThat(o.rounds()).hasSize(3);
      int total = 0;
      for (int i = 1; i < o.rounds().size(); i++) {
        // counted here from what the server received and sent
        int prompt = 0;
        for (JsonNode m : server.chats().get(i - 1).body().path("messages")) prompt += Tokens.count(m.path("content").asText());
        RepairRound r = o.rounds().get(i);
        assertThat(r.promptTokens()).isEqualTo(prompt).isPositive();
        assertThat(r.completionTokens()).isEqualTo(Tokens.count(answers.get(i - 1)));
        total += prompt + Tokens.count(answers.get(i - 1));
      }
      assertThat(o.rounds().get(0).tokens()).isZero();
      assertThat(o.tokens()).isEqualTo(total);
    }
  }

  @Test
  void theTokenBudgetStopsARoundThatWouldNotFit() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code("# attempt " + chat.index() + "\n" + VULNERABLE));
      RepairOutcome none = run(server, rounds(3).withMaxTokens(50), VULNERABLE);
      assertThat(server.chats()).isEmpty();
      assertThat(none.stop()).isEqualTo(StopReason.TOKENS);
      // one round's cost, measured; a budget of one and a half rounds has room for the first only
      RepairOutcome measured = run(server, rounds(1), VULNERABLE);
      int round = measured.tokens();
      RepairOutcome one = run(server, rounds(3).withMaxTokens(round + round / 2), VULNERABLE);
      assertThat(one.stop()).isEqualTo(StopReason.TOKENS);
      assertThat(one.repairRounds()).isEqualTo(1);
      assertThat(one.detail()).contains("of " + (round + round / 2) + " tokens");
    }
  }

  @Test
  void theCandidateWithTheFewestFindingsIsKept() throws Exception {
    String two = "import os\nos.system(x, shell=True)\nos.system(y, shell=True)\n";
    String three = "os.system(x, shell=True)\nos.system(y, shell=True)\nos.system(z, shell=True)\n";
    String one = "os.system(x, shell=True)\nos.system(y)\n";
    try (FakeChatServer server = new FakeChatServer()) {
      List<String> answers = List.of(three, one);
      server.answering(chat -> code(answers.get(chat.index())));
      RepairOutcome o = run(server, rounds(2), two);
      assertThat(o.rounds()).extracting(r -> r.findings().size()).containsExactly(2, 3, 1);
      assertThat(o.kept()).isEqualTo(2);
      assertThat(o.code()).isEqualTo(one);
    }
  }

  @Test
  void aWorseRepairDoesNotReplaceTheFirstCandidate() throws Exception {
    String three = "os.system(x, shell=True)\nos.system(y, shell=True)\nos.system(z, shell=True)\n";
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(three));
      RepairOutcome o = run(server, rounds(1), VULNERABLE);
      assertThat(o.kept()).isZero();
      assertThat(o.code()).isEqualTo(VULNERABLE);
    }
  }

  @Test
  void findingsBelowTheThresholdAreNeitherSentNorCounted() throws Exception {
    String weakHash = "import hashlib\nh = hashlib.md5(data)\nos.system(cmd, shell=True)\n";
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code("import hashlib\nh = hashlib.md5(data)\nsubprocess.run(cmd)\n"));
      RepairOutcome o = run(server, rounds(3), weakHash);
      assertThat(server.chats()).hasSize(1);
      assertThat(server.chats().get(0).lastMessage()).contains("CWE-78").doesNotContain("CWE-328");
      assertThat(o.stop()).isEqualTo(StopReason.CLEAN);
      // with the threshold at low, the weak hash counts and goes back too
      RepairOutcome low = run(server, rounds(1).withFailOn(Severity.LOW), weakHash);
      assertThat(server.chats().get(1).lastMessage()).contains("CWE-328").contains(FakeCheckers.GUIDELINE_328);
      assertThat(low.rounds().get(1).findings()).extracting(f -> f.cwe()).containsExactly("CWE-328");
    }
  }

  @Test
  void aToolFailureDoesNotCrashTheLoopAndIsKeptInItsRound() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code("CRASH\n" + FIXED));
      RepairOutcome o = new RepairLoop(client(server), FakeCheckers.failingOn("CRASH"), rounds(3))
          .run("ls.py", TASK, Language.PYTHON, VULNERABLE);
      assertThat(o.stop()).isEqualTo(StopReason.CHECK_INCOMPLETE);
      assertThat(o.detail()).contains("bandit").contains("syntax error");
      assertThat(o.rounds().get(1).failures()).extracting(f -> f.tool()).containsExactly("bandit");
      assertThat(o.rounds().get(1).clean()).isFalse();
      assertThat(server.chats()).hasSize(1);
    }
  }

  @Test
  void aCheckerThatThrowsCountsAsAFailedToolNotACrash() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    var markers = FakeCheckers.markers();
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(FIXED));
      RepairOutcome o = new RepairLoop(client(server), unit -> {
        if (calls.incrementAndGet() == 2) throw new IllegalStateException("analyser pool closed");
        return markers.check(unit);
      }, rounds(3)).run("ls.py", TASK, Language.PYTHON, VULNERABLE);
      assertThat(o.rounds()).hasSize(2);
      assertThat(o.rounds().get(1).failures()).extracting(f -> f.tool() + ": " + f.reason())
          .containsExactly("checker: analyser pool closed");
      assertThat(o.stop()).isEqualTo(StopReason.CHECK_INCOMPLETE);
    }
  }

  @Test
  void anLlmFailureStopsTheLoopAndKeepsTheCandidatesSoFar() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      Function<FakeChatServer.Chat, MockResponse> answer = chat -> chat.index() == 0
          ? code("# attempt\n" + VULNERABLE) : FakeChatServer.status(400, "{\"error\":{\"message\":\"context too long\"}}");
      server.answering(answer);
      RepairOutcome o = run(server, rounds(3), VULNERABLE);
      assertThat(o.stop()).isEqualTo(StopReason.LLM_ERROR);
      assertThat(o.rounds()).hasSize(2);
      assertThat(o.kept()).isZero();
    }
  }

  @Test
  void aRepeatedRunIsAnsweredFromTheLlmCache() throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> code(FIXED));
      RepairOutcome first = run(server, rounds(3), VULNERABLE);
      RepairOutcome again = run(server, rounds(3), VULNERABLE);
      assertThat(server.chats()).hasSize(1);
      assertThat(first.rounds().get(1).cached()).isFalse();
      assertThat(again.rounds().get(1).cached()).isTrue();
      assertThat(again.code()).isEqualTo(first.code());
    }
  }
}
