package dev.rescue.embed.remote;

import dev.rescue.internal.RedactedUrl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.EmbeddingException;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} server (OpenAI, vLLM, Ollama, llama.cpp, TEI,
 * LM Studio). Texts go in batches of {@link #batchSize} per request; 429 and 5xx answers and I/O
 * failures are retried twice with a growing pause (honouring {@code Retry-After}); any other failure
 * throws an {@link EmbeddingException} naming the URL and the status. Returned vectors are
 * normalised to unit length. Thread-safe.
 *
 * <p>The id is the model name, so an index built through one server is usable through another
 * serving the same model. The dimension is learnt from the first answer (a one-text probe when
 * {@link #dimension} is asked first). Queries get bge's instruction when the model name contains
 * {@code bge}, no prefix otherwise (OpenAI's models take none). The API key is sent as a bearer
 * token and never appears in messages or logs.
 */
public final class RemoteEmbedder implements Embedder {
  /** Environment variables searched for the key, in order. */
  public static final List<String> KEY_VARIABLES = List.of("RESCUE_EMBED_API_KEY", "RESCUE_LLM_API_KEY", "OPENAI_API_KEY");
  public static final int DEFAULT_BATCH_SIZE = 64;
  private static final int RETRIES = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  /** The endpoint as messages show it, without credentials. */
  private final String shown;
  private final String model;
  private final Optional<String> apiKey;
  private final String queryPrefix;
  private final int batchSize;
  private final Duration timeout;
  private final Duration firstPause;
  private final HttpClient http;
  private volatile int dimension;

  /**
   * @param baseUrl the server, with or without a trailing {@code /v1}
   * @param apiKey the bearer key, empty for servers that need none
   * @param firstPause the pause before the first retry (doubling after)
   */
  public RemoteEmbedder(String baseUrl, String model, Optional<String> apiKey, String queryPrefix,
      int batchSize, Duration timeout, Duration firstPause) {
    this.endpoint = endpoint(baseUrl);
    this.shown = RedactedUrl.of(endpoint);
    if (model == null || model.isBlank()) throw new IllegalArgumentException("remote embedder needs a model name");
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    this.model = model;
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
    this.queryPrefix = Objects.requireNonNull(queryPrefix, "queryPrefix");
    this.batchSize = batchSize;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.firstPause = Objects.requireNonNull(firstPause, "firstPause");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The usual settings, the key from {@link #KEY_VARIABLES} in {@code environment}. */
  public static RemoteEmbedder of(String baseUrl, String model, Function<String, String> environment) {
    Optional<String> key = KEY_VARIABLES.stream().map(environment).filter(v -> v != null && !v.isBlank()).findFirst();
    String prefix = model != null && model.toLowerCase(Locale.ROOT).contains("bge") ? BgeSmallEmbedder.QUERY_PREFIX : "";
    return new RemoteEmbedder(baseUrl, model, key, prefix, DEFAULT_BATCH_SIZE, Duration.ofSeconds(60), Duration.ofMillis(500));
  }

  /** {@code {base}/v1/embeddings}, not doubling a {@code /v1} the base already ends with. */
  static URI endpoint(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) throw new IllegalArgumentException("remote embedder needs a base URL");
    String base = baseUrl.strip();
    while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    String url = base.endsWith("/v1") ? base + "/embeddings" : base + "/v1/embeddings";
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      // the parser's message repeats the URL: redacted as well, and no cause that would print it whole
      throw new IllegalArgumentException("not a URL: '" + RedactedUrl.of(baseUrl) + "' (" + RedactedUrl.of(e.getMessage()) + ")");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("remote embedder URL must be http or https: '" + RedactedUrl.of(baseUrl) + "'");
    }
    return uri;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String id() {
    return model;
  }

  @Override
  public int dimension() {
    if (dimension == 0) embedPassage("dimension probe");
    return dimension;
  }

  @Override
  public float[] embedQuery(String text) {
    requireText(text, -1);
    return embedBatch(List.of(queryPrefix + text)).get(0);
  }

  @Override
  public float[] embedPassage(String text) {
    return embedBatch(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      out.addAll(embedBatch(texts.subList(from, Math.min(texts.size(), from + batchSize))));
    }
    return out;
  }

  private List<float[]> embedBatch(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) requireText(texts.get(i), i);
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode input = body.putArray("input");
    texts.forEach(input::add);
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    HttpResponse<String> response = send(request.build());
    return parse(response.body(), texts.size());
  }

  /** OpenAI refuses empty inputs; refusing here gives a clearer message and saves a call. */
  private void requireText(String text, int position) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("embedder " + model + " cannot embed a blank text"
          + (position >= 0 ? " (batch position " + position + ")" : ""));
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    Duration pause = firstPause;
    for (int attempt = 0; ; attempt++) {
      String failure;
      Duration wait = pause;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) return response;
        failure = "POST " + shown + " answered " + status + ": " + snippet(response.body());
        boolean retryable = status == 429 || status >= 500;
        if (!retryable || attempt == RETRIES) throw new EmbeddingException(failure, status, null);
        wait = retryAfter(response).orElse(pause);
      } catch (IOException e) {
        failure = "POST " + shown + " failed: " + e;
        if (attempt == RETRIES) throw new EmbeddingException(failure, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddingException("interrupted while calling POST " + endpoint, 0, e);
      }
      sleep(wait);
      pause = pause.multipliedBy(2);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        long seconds = Long.parseLong(v.trim());
        return Optional.of(Duration.ofSeconds(Math.max(0, Math.min(seconds, 30))));
      } catch (NumberFormatException e) {
        return Optional.empty(); // an HTTP date: fall back to our own pause
      }
    });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while waiting to retry", e);
    }
  }

  private List<float[]> parse(String body, int expected) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new EmbeddingException("POST " + shown + " answered with invalid JSON: " + snippet(body), e);
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isArray() || data.size() != expected) {
      throw new EmbeddingException("POST " + shown + " answered " + (data == null ? "no data" : data.size() + " embeddings")
          + " for " + expected + " inputs: " + snippet(body));
    }
    float[][] out = new float[expected][];
    for (int i = 0; i < expected; i++) {
      JsonNode item = data.get(i);
      int index = item.path("index").asInt(i); // servers may answer out of order
      JsonNode embedding = item.get("embedding");
      if (index < 0 || index >= expected || out[index] != null || embedding == null || !embedding.isArray()) {
        throw new EmbeddingException("POST " + shown + " answered a malformed embedding at position " + i);
      }
      float[] v = new float[embedding.size()];
      for (int j = 0; j < v.length; j++) v[j] = (float) embedding.get(j).asDouble();
      out[index] = unit(v);
    }
    checkDimension(out[0].length);
    for (float[] v : out) checkDimension(v.length);
    return List.of(out);
  }

  private synchronized void checkDimension(int length) {
    if (dimension == 0) dimension = length;
    if (length != dimension || length == 0) {
      throw new EmbeddingException("POST " + shown + " answered a " + length + "-d vector after " + dimension + "-d ones");
    }
  }

  private float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) sum += (double) x * x;
    double norm = Math.sqrt(sum);
    if (norm == 0 || !Double.isFinite(norm)) throw new EmbeddingException("POST " + shown + " answered a zero vector");
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
    return out;
  }

  private static String snippet(String body) {
    if (body == null) return "";
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  @Override
  public String toString() {
    return "RemoteEmbedder[" + model + " at " + shown + "]"; // never the key or a password
  }
}
