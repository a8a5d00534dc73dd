package dev.rescue.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake OpenAI-compatible server on mockwebserver3: every request to {@code /v1/chat/completions} is
 * recorded (in arrival order) and answered by a function of the recorded chat. It also measures how
 * many requests were in flight at once, holding each for {@code holdMillis}.
 */
public final class FakeChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One received request. */
  public record Chat(int index, String path, String authorization, JsonNode body) {
    /** The content of the last message (the one the answer depends on). */
    public String lastMessage() {
      JsonNode messages = body.path("messages");
      return messages.path(messages.size() - 1).path("content").asText();
    }

    /** All message contents, joined. */
    public String allText() {
      List<String> parts = new ArrayList<>();
      for (JsonNode m : body.path("messages")) parts.add(m.path("content").asText());
      return String.join("\n", parts);
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Chat> chats = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Function<Chat, MockResponse> responder = chat -> completion("{}");
  private volatile long holdMillis;

  public FakeChatServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
          JsonNode body;
          try {
            body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
          } catch (IOException e) {
            return new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad json\"}}").build();
          }
          Chat chat;
          synchronized (chats) {
            chat = new Chat(chats.size(), request.getUrl().encodedPath(), request.getHeaders().get("Authorization"), body);
            chats.add(chat);
          }
          if (holdMillis > 0) Thread.sleep(holdMillis);
          return responder.apply(chat);
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
    server.start();
  }

  /** The base URL as OpenAI clients take it. */
  public URI baseUrl() {
    return URI.create(server.url("/v1").toString());
  }

  public FakeChatServer answering(Function<Chat, MockResponse> r) {
    this.responder = r;
    return this;
  }

  public FakeChatServer holding(long millis) {
    this.holdMillis = millis;
    return this;
  }

  public List<Chat> chats() {
    return List.copyOf(chats);
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** A 200 answer whose assistant message is {@code content}. */
  public static MockResponse completion(String content) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test");
    root.put("object", "chat.completion");
    root.put("model", "fake-model");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(root.toString()).build();
  }

  /** A 200 answer with the distiller's JSON object. */
  public static MockResponse summary(String guideline, String cause) {
    ObjectNode o = JSON.createObjectNode().put("guideline", guideline).put("cause", cause);
    return completion(o.toString());
  }

  public static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
