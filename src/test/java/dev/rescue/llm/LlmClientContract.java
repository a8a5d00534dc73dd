package dev.rescue.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LlmClient} promises, whatever stack of decorators it is: extend it with the
 * client to check, built against the fake server (with one attempt, so failures surface).
 */
public abstract class LlmClientContract {
  protected FakeChatServer server;

  /** The client under test, talking to {@code server}, model {@code contract-model}, one attempt. */
  protected abstract LlmClient client(FakeChatServer server);

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeChatServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void answersWithTheAssistantMessage() {
    server.answering(chat -> FakeChatServer.completion("echo: " + chat.lastMessage()));

    ChatResult result = client(server).chat(ChatRequest.of(0, ChatMessage.user("ping")));

    assertThat(result.content()).isEqualTo("echo: ping");
  }

  @Test
  void namesItsModelAndSendsItWhenTheRequestNamesNone() {
    server.answering(chat -> FakeChatServer.completion(chat.body().path("model").asText()));
    LlmClient client = client(server);

    assertThat(client.model()).isEqualTo("contract-model");
    assertThat(client.chat(ChatRequest.of(0, ChatMessage.user("which model?"))).content()).isEqualTo("contract-model");
  }

  @Test
  void failuresAreLlmExceptionsWithTheStatus() {
    server.answering(chat -> FakeChatServer.status(chat.lastMessage().equals("a") ? 503 : 422, "{}"));
    LlmClient client = client(server);

    LlmException unavailable = catchThrowableOfType(LlmException.class, () -> client.chat(ChatRequest.of(0, ChatMessage.user("a"))));
    LlmException invalid = catchThrowableOfType(LlmException.class, () -> client.chat(ChatRequest.of(0, ChatMessage.user("b"))));

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.retryable()).isTrue();
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.retryable()).isFalse();
  }

  @Test
  void concurrentCallersEachGetTheirOwnAnswer() throws Exception {
    server.answering(chat -> FakeChatServer.completion("re " + chat.lastMessage()));
    LlmClient client = client(server);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String q = "q" + i;
        futures.add(callers.submit(() -> client.chat(ChatRequest.of(0, ChatMessage.user(q)))));
      }
      for (int i = 0; i < 8; i++) assertThat(futures.get(i).get().content()).isEqualTo("re q" + i);
    } finally {
      callers.shutdownNow();
    }
  }
}
