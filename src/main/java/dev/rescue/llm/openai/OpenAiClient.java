package dev.rescue.llm.openai;

import dev.rescue.internal.RedactedUrl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.ChatResult;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmException;
import dev.rescue.llm.LlmSettings;
import dev.rescue.llm.RetryAfterException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LlmClient} for any server that speaks OpenAI's {@code POST /chat/completions} (OpenAI,
 * DeepSeek, vLLM, Ollama, llama.cpp, LM Studio), on the JDK's HttpClient.
 *
 * <p>One attempt per call: retries, caching and the concurrency limit are decorators (see {@code
 * dev.rescue.LlmClients}). The time-out applies to each call, from sending to the whole answer.
 *
 * <p>Every failure becomes an {@link LlmException}: 408, 429 and 5xx answers, time-outs and
 * broken connections are retryable (status 0 when no answer came); other 4xx, malformed answers and a
 * connection that cannot be made at all (refused: no server there) are not. A {@code Retry-After} header gives a {@link RetryAfterException}. The API key goes only into
 * the {@code Authorization} header: it is never logged, and it is cut out of any server text that
 * ends up in an exception message (some servers echo a wrong key back).
 */
public final class OpenAiClient implements LlmClient {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 300;

  private final URI endpoint;
  /** The endpoint as messages and logs show it, without credentials. */
  private final String shown;
  private final String model;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param baseUrl e.g. {@code http://localhost:11434/v1}; {@code /chat/completions} is appended
   * @param apiKey null or blank when the server needs none
   */
  public OpenAiClient(URI baseUrl, String model, String apiKey, Duration timeout) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String base = baseUrl.toString();
    while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    this.endpoint = URI.create(base + "/chat/completions");
    this.shown = RedactedUrl.of(endpoint);
    if (model == null || model.isBlank()) throw new IllegalArgumentException("model must be set");
    this.model = model;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1) // many local servers speak no HTTP/2, and h2c upgrade costs a round trip
        .build();
  }

  /** From configured settings ({@link LlmSettings#require()}). */
  public static OpenAiClient of(LlmSettings settings) {
    LlmSettings s = settings.require();
    return new OpenAiClient(s.baseUri(), s.model(), s.apiKey(), s.timeout());
  }

  @Override
  public String model() {
    return model;
  }

  /** The URL requests go to. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public ChatResult chat(ChatRequest request) {
    String requestModel = request.model() != null ? request.model() : model;
    byte[] body = body(request, requestModel);
    HttpRequest.Builder http = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) http.header("Authorization", "Bearer " + apiKey);
    LOG.debug("POST {} model={} messages={} json={}", shown, requestModel, request.messages().size(), request.jsonMode());
    if (LOG.isTraceEnabled()) {
      for (ChatMessage m : request.messages()) LOG.trace("{}: {}", m.role(), m.content());
    }
    HttpResponse<String> response;
    try {
      response = this.http.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new LlmException("LLM call to " + shown + " timed out after " + timeout.toSeconds() + " s", true, 0, e);
    } catch (ConnectException e) {
      // nothing listens there (refused, no route): a retry seconds later finds the same, and only delays the
      // caller's fallback (context) or error (generate) by the whole backoff
      String why = e.getMessage() == null ? "connection refused" : reason(e);
      throw new LlmException("cannot connect to the LLM at " + shown + " (" + why + ")", false, 0, e);
    } catch (IOException e) {
      throw new LlmException("LLM call to " + shown + " failed: " + reason(e), true, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted during the LLM call to " + shown, false, 0, e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) throw failure(response);
    ChatResult result = parse(response.body(), requestModel);
    if (LOG.isTraceEnabled()) LOG.trace("assistant: {}", result.content());
    return result;
  }

  private static byte[] body(ChatRequest request, String requestModel) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", requestModel);
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage m : request.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
    root.put("temperature", request.temperature());
    if (request.topP() != null) root.put("top_p", request.topP());
    if (request.maxTokens() != null) root.put("max_tokens", request.maxTokens());
    if (request.jsonMode()) root.putObject("response_format").put("type", "json_object");
    root.put("stream", false);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new LlmException("cannot encode the chat request: " + e.getMessage(), false, 0, e);
    }
  }

  private ChatResult parse(String body, String requestModel) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new LlmException("LLM at " + shown + " answered 2xx with a body that is not JSON: " + excerpt(body), false, 200, e);
    }
    JsonNode content = root == null ? null : root.path("choices").path(0).path("message").get("content");
    if (content == null || !content.isTextual()) {
      throw new LlmException("LLM at " + shown + " answered without choices[0].message.content: " + excerpt(body), false, 200);
    }
    String answeredModel = root.path("model").asText("");
    return new ChatResult(content.asText(), answeredModel.isEmpty() ? requestModel : answeredModel, false);
  }

  private LlmException failure(HttpResponse<String> response) {
    int status = response.statusCode();
    boolean retryable = status == 408 || status == 429 || status >= 500;
    String message = "LLM at " + shown + " answered " + status + serverMessage(response.body())
        + (status == 401 || status == 403 ? " (check RESCUE_LLM_API_KEY)" : "")
        + (status == 404 ? " (check RESCUE_LLM_BASE_URL, usually ending in /v1, and the model name)" : "");
    Optional<Duration> retryAfter = retryable ? retryAfter(response) : Optional.empty();
    return retryAfter.<LlmException>map(d -> new RetryAfterException(message, status, d))
        .orElseGet(() -> new LlmException(message, retryable, status));
  }

  /** The server's own error text ({@code error.message} when JSON), short and with the key cut out. */
  private String serverMessage(String body) {
    if (body == null || body.isBlank()) return "";
    String text = body;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode msg = root == null ? null : root.path("error").path("message");
      if (msg != null && msg.isTextual()) text = msg.asText();
      else if (root != null && root.path("error").isTextual()) text = root.path("error").asText();
    } catch (IOException notJson) {
      // keep the raw text
    }
    return ": " + excerpt(text);
  }

  private String excerpt(String text) {
    String t = redact(text == null ? "" : text.strip().replaceAll("\\s+", " "));
    return t.length() <= MAX_ERROR_TEXT ? t : t.substring(0, MAX_ERROR_TEXT) + "...";
  }

  private String redact(String text) {
    return apiKey == null ? text : text.replace(apiKey, "[redacted]");
  }

  private String reason(IOException e) {
    return redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; absent or unreadable gives empty. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) return Optional.empty();
    String v = header.get().trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  @Override
  public String toString() {
    return "OpenAiClient[" + shown + ", model=" + model + ", key=" + (apiKey == null ? "none" : "[redacted]") + "]";
  }
}
