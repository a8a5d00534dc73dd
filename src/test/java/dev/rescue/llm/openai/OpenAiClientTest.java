package dev.rescue.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.ChatResult;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.llm.LlmException;
import dev.rescue.llm.RetryAfterException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {
  private static final String KEY = "sk-test-SECRET-0123456789";
  private FakeChatServer server;

  @BeforeEach
  void start() throws IOException {
    server = new FakeChatServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiClient client(Duration timeout) {
    return new OpenAiClient(server.baseUrl(), "qwen2.5-coder:7b", KEY, timeout);
  }

  private static ChatRequest jsonRequest() {
    return new ChatRequest(null, List.of(ChatMessage.system("sys"), ChatMessage.user("hello")), 0.0, 0.9, 256, true);
  }

  @Test
  void postsToChatCompletionsWithBearerKeyModelAndJsonMode() {
    server.answering(chat -> FakeChatServer.completion("{\"ok\":true}"));

    ChatResult result = client(Duration.ofSeconds(5)).chat(jsonRequest());

    assertThat(result.content()).isEqualTo("{\"ok\":true}");
    assertThat(result.model()).isEqualTo("fake-model");
    assertThat(result.cached()).isFalse();
    FakeChatServer.Chat chat = server.chats().get(0);
    assertThat(chat.path()).isEqualTo("/v1/chat/completions");
    assertThat(chat.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(chat.body().path("model").asText()).isEqualTo("qwen2.5-coder:7b");
    assertThat(chat.body().path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(chat.body().path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(chat.body().path("max_tokens").asInt()).isEqualTo(256);
    assertThat(chat.body().path("messages").get(1).path("role").asText()).isEqualTo("user");
    assertThat(chat.lastMessage()).isEqualTo("hello");
  }

  @Test
  void sendsNoResponseFormatOrAuthorizationWhenNotAsked() {
    server.answering(chat -> FakeChatServer.completion("hi"));
    OpenAiClient keyless = new OpenAiClient(server.baseUrl(), "m", null, Duration.ofSeconds(5));

    keyless.chat(ChatRequest.of(0.2, ChatMessage.user("hello")));

    FakeChatServer.Chat chat = server.chats().get(0);
    assertThat(chat.authorization()).isNull();
    assertThat(chat.body().has("response_format")).isFalse();
    assertThat(chat.body().has("max_tokens")).isFalse();
  }

  @Test
  void serverErrorsAreRetryableAndClientErrorsAreNot() {
    server.answering(chat -> FakeChatServer.status(chat.index() == 0 ? 503 : 400, "{\"error\":{\"message\":\"nope\"}}"));
    OpenAiClient client = client(Duration.ofSeconds(5));

    LlmException unavailable = catchThrowableOfType(LlmException.class, () -> client.chat(jsonRequest()));
    LlmException badRequest = catchThrowableOfType(LlmException.class, () -> client.chat(jsonRequest()));

    assertThat(unavailable.retryable()).isTrue();
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.getMessage()).contains("503").contains("nope");
    assertThat(badRequest.retryable()).isFalse();
    assertThat(badRequest.status()).isEqualTo(400);
  }

  @Test
  void tooManyRequestsCarriesRetryAfterSeconds() {
    server.answering(chat -> new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body("slow down").build());

    RetryAfterException e = catchThrowableOfType(RetryAfterException.class, () -> client(Duration.ofSeconds(5)).chat(jsonRequest()));

    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void slowAnswerTimesOutAsRetryableWithStatusZero() {
    server.answering(chat -> FakeChatServer.completion("late").newBuilder().headersDelay(3, TimeUnit.SECONDS).build());

    LlmException e = catchThrowableOfType(LlmException.class, () -> client(Duration.ofMillis(300)).chat(jsonRequest()));

    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void refusedConnectionIsNotRetriedAndSaysSo() throws IOException {
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    OpenAiClient client = new OpenAiClient(URI.create("http://127.0.0.1:" + freePort + "/v1"), "m", KEY, Duration.ofSeconds(2));

    LlmException e = catchThrowableOfType(LlmException.class, () -> client.chat(jsonRequest()));

    assertThat(e.retryable()).isFalse();
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).isEqualTo("cannot connect to the LLM at http://127.0.0.1:" + freePort
        + "/v1/chat/completions (connection refused)");
  }

  @Test
  void keyEchoedByTheServerNeverReachesTheExceptionMessage() {
    server.answering(chat -> FakeChatServer.status(401,
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Find your key at ...\"}}"));

    LlmException e = catchThrowableOfType(LlmException.class, () -> client(Duration.ofSeconds(5)).chat(jsonRequest()));

    assertThat(e.retryable()).isFalse();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]").contains("RESCUE_LLM_API_KEY");
    assertThat(client(Duration.ofSeconds(1)).toString()).doesNotContain(KEY);
  }

  @Test
  void answerWithoutChoicesIsANonRetryableFailure() {
    server.answering(chat -> FakeChatServer.status(200, "{\"object\":\"chat.completion\",\"choices\":[]}"));

    LlmException e = catchThrowableOfType(LlmException.class, () -> client(Duration.ofSeconds(5)).chat(jsonRequest()));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("choices[0].message.content");
  }

  @Test
  void aPasswordOrKeyInTheBaseUrlNeverReachesTheExceptionMessage() {
    server.answering(chat -> FakeChatServer.status(400, "{\"error\":{\"message\":\"nope\"}}"));
    java.net.URI base = java.net.URI.create(server.baseUrl().toString().replace("http://", "http://alice:hunter2@"));
    OpenAiClient client = new OpenAiClient(base, "qwen2.5-coder:7b", KEY, Duration.ofSeconds(5));

    LlmException e = catchThrowableOfType(LlmException.class, () -> client.chat(jsonRequest()));

    assertThat(e.getMessage()).contains("http://***@").contains("400").doesNotContain("hunter2");
    assertThat(client.toString()).doesNotContain("hunter2");
  }
}
