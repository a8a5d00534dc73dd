package dev.rescue.kb.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rescue.llm.FakeChatServer;
import dev.rescue.llm.LlmClient;
import dev.rescue.LlmClients;
import dev.rescue.llm.LlmSettings;
import dev.rescue.llm.RetryPolicy;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distiller with the real client stack against a fake OpenAI-compatible server. */
class LlmDistillerTest {
  private static final String KEY = "sk-distill-SECRET-7";
  private static final Map<String, String> NAMES = Map.of(
      "CWE-502", "Deserialization of Untrusted Data",
      "CWE-89", "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
      "CWE-79", "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')");

  @TempDir Path cacheDir;
  private FakeChatServer server;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  /** The summaries the fake server handed out, in the order it did. */
  private final List<String> leafGuidelines = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger answers = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = new FakeChatServer();
    server.answering(this::summarise);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Answers leaves and merges with distinct, recognisable summaries. */
  private MockResponse summarise(FakeChatServer.Chat chat) {
    int n = answers.incrementAndGet();
    if (isMerge(chat)) {
      return FakeChatServer.summary("Merged guideline " + n + ": use yaml.safe_load() instead of yaml.load().",
          "Merged cause " + n + ": untrusted YAML builds arbitrary objects.");
    }
    String guideline = "Leaf guideline " + n + ": use safe loaders.";
    leafGuidelines.add(guideline);
    return FakeChatServer.summary(guideline, "Leaf cause " + n + ": unsafe loader on input.");
  }

  private static boolean isMerge(FakeChatServer.Chat chat) {
    return chat.lastMessage().contains("summaries, each distilled");
  }

  private LlmSettings settings(int concurrency) {
    return LlmSettings.none().withBaseUrl(server.baseUrl().toString()).withModel("fake-coder").withApiKey(KEY)
        .withCacheDir(cacheDir).withConcurrency(concurrency).withTimeout(Duration.ofSeconds(10));
  }

  private LlmDistiller distiller(int concurrency, int parallelism) {
    LlmClient client = LlmClients.fromSettings(settings(concurrency), RetryPolicy.defaults().withSleeper(waits::add));
    return new LlmDistiller(client, NAMES::get, 8, parallelism);
  }

  static List<DistillInput> pairs(String cwe, int count) {
    List<DistillInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String tag = cwe.replace('-', '_') + "_" + i;
      String before = "def load_" + tag + "(data):\n    return yaml.load(data)\n";
      String after = "def load_" + tag + "(data):\n    return yaml.safe_load(data)\n";
      VulnFixPair pair = new VulnFixPair("train.jsonl:" + tag, cwe, Language.PYTHON, "load_" + tag, before, after,
          List.of(2), List.of(2), "https://github.com/o/r/commit/" + tag, null, "Fix unsafe YAML load in " + tag);
      CodeExample example = new CodeExample("ex-" + tag, cwe, Language.PYTHON, "vulnerable_slice(" + tag + ")",
          "secure_slice(" + tag + ")", List.of("yaml.load"), List.of(2), 2, 10, pair.commitLink(), null);
      inputs.add(new DistillInput(pair, example));
    }
    return inputs;
  }

  @Test
  void twentyPairsGiveThreeLeafCallsThenOneMergeHoldingTheThreeLeafSummaries() {
    CweEntry entry = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 20));

    List<FakeChatServer.Chat> chats = server.chats();
    assertThat(chats).hasSize(4);
    assertThat(chats.subList(0, 3)).noneMatch(LlmDistillerTest::isMerge);
    assertThat(chats.get(3)).matches(LlmDistillerTest::isMerge);
    assertThat(leafGuidelines).hasSize(3);
    assertThat(chats.get(3).lastMessage()).contains(leafGuidelines).contains("Leaf cause");
    // Every pair is shown exactly once, as its parallel slices with its commit message.
    for (int i = 0; i < 20; i++) {
      String tag = "CWE_502_" + i;
      assertThat(chats.subList(0, 3).stream().filter(c -> c.lastMessage().contains("vulnerable_slice(" + tag + ")")
          && c.lastMessage().contains("secure_slice(" + tag + ")")
          && c.lastMessage().contains("Fix unsafe YAML load in " + tag))).as(tag).hasSize(1);
    }
    assertThat(chats).allMatch(c -> c.body().path("response_format").path("type").asText().equals("json_object"));
    assertThat(chats.get(0).lastMessage()).contains("CWE-502").contains("Deserialization of Untrusted Data");

    assertThat(entry.cwe()).isEqualTo("CWE-502");
    assertThat(entry.name()).isEqualTo("Deserialization of Untrusted Data");
    assertThat(entry.guideline()).startsWith("Merged guideline").contains("yaml.safe_load()");
    assertThat(entry.cause()).startsWith("Merged cause");
    assertThat(entry.distiller()).isEqualTo("llm:fake-coder");
    assertThat(entry.apis()).isEmpty();
    assertThat(entry.examples()).hasSize(20).contains("ex-CWE_502_0");
    assertThat(entry.provenance().pairs()).hasSize(20).contains("train.jsonl:CWE_502_19");
    assertThat(entry.provenance().commits()).hasSize(20);
    assertThat(entry.provenance().summaries()).hasSize(3)
        .allMatch(s -> s.startsWith("Guideline: Leaf guideline") && s.contains("\nCause: Leaf cause"));
    assertThat(String.join("\n", entry.provenance().summaries())).contains(leafGuidelines);
  }

  @Test
  void aRerunWithTheSameCacheMakesNoCallAndGivesTheSameEntry() {
    CweEntry first = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 20));
    int callsAfterFirst = server.chats().size();

    CweEntry second = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 20));

    assertThat(callsAfterFirst).isEqualTo(4);
    assertThat(server.chats()).hasSize(4);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void summariesAreMergedRecursivelyUntilOneRemains() {
    CweEntry entry = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 65));

    // 65 pairs: 9 leaves, then 2 merges (5 + 4 summaries), then the final merge.
    List<FakeChatServer.Chat> chats = server.chats();
    assertThat(chats).hasSize(12);
    assertThat(chats.subList(0, 9)).noneMatch(LlmDistillerTest::isMerge);
    assertThat(chats.subList(9, 12)).allMatch(LlmDistillerTest::isMerge);
    assertThat(chats.get(11).lastMessage()).contains("Below are 2 summaries").doesNotContain("Leaf guideline");
    assertThat(entry.provenance().summaries()).hasSize(11);
    assertThat(entry.provenance().summaries().subList(0, 9)).allMatch(s -> s.contains("Leaf guideline"));
    assertThat(entry.provenance().summaries().subList(9, 11)).allMatch(s -> s.contains("Merged guideline"));
  }

  @Test
  void aCweWithAtMostBPairsNeedsOneCallAndHasNoIntermediateSummary() {
    CweEntry entry = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 8));

    assertThat(server.chats()).hasSize(1);
    assertThat(entry.guideline()).startsWith("Leaf guideline");
    assertThat(entry.provenance().summaries()).isEmpty();
  }

  @Test
  void tooManyRequestsWithRetryAfterAndServerErrorsAreRetried() {
    server.answering(chat -> switch (chat.index()) {
      case 0 -> new MockResponse.Builder().code(429).setHeader("Retry-After", "2").body("{}").build();
      case 1 -> FakeChatServer.status(500, "{\"error\":{\"message\":\"boom\"}}");
      default -> summarise(chat);
    });

    CweEntry entry = distiller(1, 1).distill("CWE-502", pairs("CWE-502", 20));

    assertThat(server.chats()).hasSize(6);
    assertThat(waits).hasSize(2).contains(Duration.ofSeconds(2));
    assertThat(entry.guideline()).startsWith("Merged guideline");
  }

  @Test
  void aNonJsonAnswerGivenTwiceFailsOnlyItsCwe() {
    server.answering(chat -> chat.allText().contains("CWE-79")
        ? FakeChatServer.completion("Sure! Cross-site scripting is bad; escape output.")
        : summarise(chat));
    LlmDistiller distiller = distiller(4, 4);

    DistillationException failure =
        catchThrowableOfType(DistillationException.class, () -> distiller.distill("CWE-79", pairs("CWE-79", 5)));
    CweEntry other = distiller.distill("CWE-89", pairs("CWE-89", 5));

    assertThat(failure.getMessage()).contains("CWE-79").contains("twice").contains("not a JSON object");
    List<FakeChatServer.Chat> xss = server.chats().stream().filter(c -> c.allText().contains("CWE-79")).toList();
    assertThat(xss).hasSize(2);
    assertThat(xss.get(1).body().path("messages")).hasSize(4);
    assertThat(xss.get(1).lastMessage()).contains("could not be used").contains("not a JSON object");
    assertThat(other.guideline()).startsWith("Leaf guideline");
  }

  @Test
  void aMalformedAnswerIsRepairedByOneMoreCall() {
    server.answering(chat -> chat.index() == 0
        ? FakeChatServer.completion("```json\n{\"guideline\": \"Use yaml.safe_load().\"}\n```")
        : summarise(chat));

    CweEntry entry = distiller(4, 4).distill("CWE-502", pairs("CWE-502", 3));

    assertThat(server.chats()).hasSize(2);
    assertThat(server.chats().get(1).lastMessage()).contains("\"cause\" was missing");
    assertThat(entry.guideline()).startsWith("Leaf guideline");
  }

  @Test
  void batchesOfOneLevelRunConcurrently() {
    server.holding(200);

    distiller(4, 4).distill("CWE-502", pairs("CWE-502", 32));

    assertThat(server.chats()).hasSize(5);
    assertThat(server.maxInFlight()).isEqualTo(4);
  }

  @Test
  void theClientsConcurrencyLimitIsRespected() {
    server.holding(150);

    distiller(2, 4).distill("CWE-502", pairs("CWE-502", 32));

    assertThat(server.chats()).hasSize(5);
    assertThat(server.maxInFlight()).isEqualTo(2);
  }

  @Test
  void aRefusedKeyFailsTheCweWithoutShowingTheKey() {
    server.answering(chat -> FakeChatServer.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

    DistillationException e = catchThrowableOfType(DistillationException.class,
        () -> distiller(4, 4).distill("CWE-502", pairs("CWE-502", 20)));

    assertThat(e.getMessage()).contains("CWE-502").contains("401").doesNotContain(KEY);
    assertThat(String.valueOf(e.getCause())).doesNotContain(KEY);
  }

  @Test
  void noPairsIsRefusedNamingTheCwe() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> distiller(4, 4).distill("CWE-502", List.of()));

    assertThat(e.getMessage()).contains("CWE-502");
    assertThat(server.chats()).isEmpty();
  }
}
