package dev.rescue.llm;

import dev.rescue.LlmClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole client stack of {@link LlmClients} against a fake OpenAI-compatible server. */
class LlmClientsTest {
  private static final String KEY = "sk-live-TOPSECRET-42";
  @TempDir Path cacheDir;
  private FakeChatServer server;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = new FakeChatServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LlmSettings settings() {
    return LlmSettings.none().withBaseUrl(server.baseUrl().toString()).withModel("m").withApiKey(KEY)
        .withCacheDir(cacheDir).withTimeout(Duration.ofSeconds(5));
  }

  private LlmClient client(LlmSettings s) {
    return LlmClients.fromSettings(s, RetryPolicy.defaults().withSleeper(waits::add));
  }

  private static ChatRequest ask(String text) {
    return new ChatRequest(null, List.of(ChatMessage.user(text)), 0, null, null, true);
  }

  @Test
  void tooManyRequestsWithRetryAfterAndServerErrorAreRetriedUntilAnAnswer() {
    server.answering(chat -> switch (chat.index()) {
      case 0 -> new MockResponse.Builder().code(429).setHeader("Retry-After", "3").body("{}").build();
      case 1 -> FakeChatServer.status(500, "{\"error\":{\"message\":\"overloaded\"}}");
      default -> FakeChatServer.completion("fine");
    });

    ChatResult result = client(settings()).chat(ask("q"));

    assertThat(result.content()).isEqualTo("fine");
    assertThat(server.chats()).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)); // second step of 1 s, 2 s, 4 s with jitter
  }

  @Test
  void attemptsComeFromTheSettings() {
    server.answering(chat -> FakeChatServer.status(502, "bad gateway"));

    LlmException e = catchThrowableOfType(LlmException.class, () -> client(settings().withMaxAttempts(2)).chat(ask("q")));

    assertThat(e.status()).isEqualTo(502);
    assertThat(server.chats()).hasSize(2);
  }

  @Test
  void aRerunWithTheSameCacheDirMakesNoCall() {
    server.answering(chat -> FakeChatServer.completion("answer"));
    client(settings()).chat(ask("q"));

    ChatResult again = client(settings()).chat(ask("q"));

    assertThat(again.cached()).isTrue();
    assertThat(again.content()).isEqualTo("answer");
    assertThat(server.chats()).hasSize(1);
  }

  @Test
  void noMoreCallsThanTheConcurrencyLimitAreInFlight() throws Exception {
    server.answering(chat -> FakeChatServer.completion("ok")).holding(150);
    LlmClient client = client(settings().withConcurrency(2));
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String q = "q" + i;
        futures.add(callers.submit(() -> client.chat(ask(q))));
      }
      for (Future<ChatResult> f : futures) f.get();
    } finally {
      callers.shutdownNow();
    }

    assertThat(server.chats()).hasSize(6);
    assertThat(server.maxInFlight()).isEqualTo(2);
  }

  @Test
  void theKeyNeverAppearsInLogsOrExceptionMessages() {
    server.answering(chat -> chat.index() == 0
        ? FakeChatServer.status(500, "{\"error\":{\"message\":\"internal error for key " + KEY + "\"}}")
        : FakeChatServer.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LlmException e;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      e = catchThrowableOfType(LlmException.class, () -> client(settings()).chat(ask("q")));
    } finally {
      System.setErr(originalErr);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);

    assertThat(server.chats().get(0).authorization()).isEqualTo("Bearer " + KEY);
    assertThat(logs).contains("retry"); // the retry after the 500 was logged ...
    assertThat(logs).doesNotContain(KEY); // ... without the key
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(settings().toString()).doesNotContain(KEY);
  }

  @Test
  void noConfiguredLlmFailsWithTheHowToMessage() {
    LlmNotConfiguredException e =
        catchThrowableOfType(LlmNotConfiguredException.class, () -> LlmClients.fromSettings(LlmSettings.none()));

    assertThat(e.getMessage()).contains("RESCUE_LLM_BASE_URL").contains("RESCUE_LLM_MODEL");
  }
  @Test
  void anotherServerWithTheSameModelNameIsAskedNotAnsweredFromTheFirstOnesCache() throws IOException {
    try (FakeChatServer other = new FakeChatServer()) {
      server.answering(chat -> FakeChatServer.completion("from A"));
      other.answering(chat -> FakeChatServer.completion("from B"));

      ChatResult a = client(settings()).chat(ask("same question"));
      ChatResult b = client(settings().withBaseUrl(other.baseUrl().toString())).chat(ask("same question"));
      ChatResult aAgain = client(settings().withBaseUrl(server.baseUrl() + "/")).chat(ask("same question"));

      assertThat(a.content()).isEqualTo("from A");
      assertThat(b.content()).isEqualTo("from B");
      assertThat(b.cached()).isFalse();
      assertThat(other.chats()).hasSize(1);
      assertThat(aAgain.cached()).as("another spelling of server A's URL").isTrue();
      assertThat(server.chats()).hasSize(1);
    }
  }
}
