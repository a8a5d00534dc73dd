package dev.rescue.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.embed.EmbeddingException;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a fake OpenAI-compatible server on the loopback interface. */
class RemoteEmbedderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return server.url("/").toString();
  }

  private RemoteEmbedder embedder(int batchSize) {
    return new RemoteEmbedder(base(), "test-embed", Optional.of("sk-secret-123"), "query: ", batchSize,
        Duration.ofSeconds(5), Duration.ofMillis(1));
  }

  /** An answer with one vector per input, vector i = [i + 1, 0, 0] (so not unit length), in reverse order. */
  private static MockResponse answer(int count) {
    StringBuilder data = new StringBuilder();
    for (int i = count - 1; i >= 0; i--) {
      if (data.length() > 0) data.append(',');
      data.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[").append(i + 1).append(",0,0]}");
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"test-embed\"}").build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  private static JsonNode body(RecordedRequest r) throws IOException {
    return JSON.readTree(r.getBody().utf8());
  }

  @Test
  void postsTheModelAndInputsToV1EmbeddingsWithTheBearerKey() throws Exception {
    server.enqueue(answer(1));
    float[] v = embedder(8).embedPassage("hello");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-secret-123");
    JsonNode body = body(r);
    assertThat(body.get("model").asText()).isEqualTo("test-embed");
    assertThat(body.get("input").get(0).asText()).isEqualTo("hello");
    assertThat(v).containsExactly(1f, 0f, 0f);
  }

  @Test
  void baseUrlEndingInV1IsNotDoubled() {
    assertThat(RemoteEmbedder.endpoint("http://localhost:8000/v1/").toString()).isEqualTo("http://localhost:8000/v1/embeddings");
    assertThat(RemoteEmbedder.endpoint("http://localhost:8000").toString()).isEqualTo("http://localhost:8000/v1/embeddings");
  }

  @Test
  void queriesGetTheConfiguredPrefix() throws Exception {
    server.enqueue(answer(1));
    embedder(8).embedQuery("find sql bugs");
    assertThat(body(take()).get("input").get(0).asText()).isEqualTo("query: find sql bugs");
  }

  @Test
  void passagesAreSentInBatchesAndReturnedInInputOrderAsUnitVectors() throws Exception {
    server.enqueue(answer(2));
    server.enqueue(answer(2));
    server.enqueue(answer(1));
    RemoteEmbedder e = embedder(2);
    List<String> texts = List.of("a", "b", "c", "d", "e");
    List<float[]> vectors = e.embedPassages(texts);
    assertThat(server.getRequestCount()).isEqualTo(3);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) body(take()).get("input").forEach(n -> sent.add(n.asText()));
    assertThat(sent).containsExactlyElementsOf(texts);
    assertThat(vectors).hasSize(5);
    for (float[] v : vectors) assertThat(v[0]).isCloseTo(1f, offset(1e-6f));
    assertThat(e.dimension()).isEqualTo(3);
  }

  @Test
  void clientErrorsNameTheUrlAndStatusAndAreNotRetried() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"bad key\"}").build());
    RemoteEmbedder e = embedder(8);
    assertThatThrownBy(() -> e.embedPassage("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining(server.url("/v1/embeddings").toString())
        .hasMessageContaining("401")
        .hasMessageNotContaining("sk-secret-123")
        .satisfies(t -> assertThat(((EmbeddingException) t).status()).isEqualTo(401));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitsAndServerErrorsAreRetried() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(answer(1));
    assertThat(embedder(8).embedPassage("x")).hasSize(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void persistentServerErrorsGiveUpAfterTwoRetries() {
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(500).body("boom").build());
    assertThatThrownBy(() -> embedder(8).embedPassage("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("boom");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void answerWithTooFewEmbeddingsIsAnError() {
    server.enqueue(answer(1));
    assertThatThrownBy(() -> embedder(8).embedPassages(List.of("a", "b")))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("1 embeddings for 2 inputs");
  }

  @Test
  void nonJsonAnswerIsAnError() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());
    assertThatThrownBy(() -> embedder(8).embedPassage("a"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void keyComesFromTheEnvironmentAndNeverShowsInToString() throws Exception {
    server.enqueue(answer(1));
    RemoteEmbedder e = RemoteEmbedder.of(base(), "bge-base-en-v1.5", Map.of("OPENAI_API_KEY", "sk-env-456")::get);
    assertThat(e.toString()).doesNotContain("sk-env-456");
    e.embedQuery("q");
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-env-456");
    // A bge model served remotely still gets bge's query instruction.
    assertThat(body(r).get("input").get(0).asText()).startsWith(BgeSmallEmbedder.QUERY_PREFIX);
    assertThat(e.id()).isEqualTo("bge-base-en-v1.5");
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() throws Exception {
    server.enqueue(answer(1));
    RemoteEmbedder.of(base(), "nomic-embed-text", Map.<String, String>of()::get).embedQuery("q");
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("Authorization")).isNull();
    assertThat(body(r).get("input").get(0).asText()).isEqualTo("q");
  }

  @Test
  void blankTextsAreRefusedWithoutACall() {
    assertThatThrownBy(() -> embedder(8).embedPassages(List.of("a", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1");
    assertThatThrownBy(() -> embedder(8).embedQuery(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void badBaseUrlsAreRefusedNamingThem() {
    assertThatThrownBy(() -> RemoteEmbedder.endpoint("ftp://host")).hasMessageContaining("ftp://host");
    assertThatThrownBy(() -> RemoteEmbedder.endpoint(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPasswordOrKeyInTheBaseUrlNeverReachesAMessage() {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"bad key\"}").build());
    String base = base().replace("http://", "http://alice:hunter2@") + "?key=sk-in-url";
    RemoteEmbedder e = new RemoteEmbedder(base, "test-embed", Optional.empty(), "", 8, Duration.ofSeconds(5), Duration.ofMillis(1));
    assertThatThrownBy(() -> e.embedPassage("x")).isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("http://***@").hasMessageContaining("401")
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("sk-in-url");
    assertThat(e.toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> RemoteEmbedder.endpoint("ftp://alice:hunter2@host")).hasMessageContaining("ftp://***@host")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RemoteEmbedder.endpoint("http://alice:hunter2@ho st")).hasMessageNotContaining("hunter2");
  }
}
