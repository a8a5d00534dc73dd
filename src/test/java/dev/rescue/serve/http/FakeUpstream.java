package dev.rescue.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rescue.pipeline.ResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI-compatible upstream that records what it received. The model name picks its
 * behaviour: {@code no-such-model} answers 404 like OpenAI, {@code hang} never answers,
 * {@code reset} drops the connection, {@code stall} starts a stream and stops, {@code html-error}
 * answers 500 in HTML; any other model answers {@link #ANSWER}, streamed when asked.
 */
public final class FakeUpstream implements AutoCloseable {
  public static final String ANSWER = "```python\nimport yaml\n\ndef load(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n```";

  /**
   * One request as the upstream saw it.
   *
   * @param path decoded; {@code rawPath} and {@code rawQuery} as they came on the request line
   */
  public record Received(String method, String path, String rawPath, String rawQuery, String authorization,
      JsonNode body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final long delayMillis;

  static {
    // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
    // ACK and add about 40 ms to every answer, which would be charged to the proxy in the load run
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  public FakeUpstream(long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-upstream");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/v1/models", this::models);
    server.createContext("/v1/chat/completions", this::chat);
    server.start();
  }

  public FakeUpstream() throws IOException {
    this(0);
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  public List<Received> received() {
    return received;
  }

  public Received last() {
    return received.get(received.size() - 1);
  }

  private void models(HttpExchange ex) throws IOException {
    record(ex, null);
    send(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[{\"id\":\"fake-coder\",\"object\":\"model\",\"owned_by\":\"test\"}]}");
  }

  private void chat(HttpExchange ex) throws IOException {
    JsonNode body = ResultJson.MAPPER.readTree(ex.getRequestBody());
    record(ex, body);
    String model = body.path("model").asText();
    switch (model) {
      case "no-such-model" -> send(ex, 404, "application/json",
          "{\"error\":{\"message\":\"The model `no-such-model` does not exist\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");
      case "hang" -> sleep(60_000);
      case "reset" -> ex.close();
      case "html-error" -> send(ex, 500, "text/html", "<html><body>Internal Server Error</body></html>");
      case "stall" -> {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(chunk("Hello", null).getBytes(StandardCharsets.UTF_8));
        out.flush();
        sleep(60_000);
      }
      default -> {
        if (delayMillis > 0) sleep(delayMillis);
        if (body.path("stream").asBoolean()) stream(ex, model); else send(ex, 200, "application/json", completion(model));
      }
    }
  }

  private void stream(HttpExchange ex, String model) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.getResponseHeaders().set("x-request-id", "req-fake-1");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      // the answer in pieces, cut inside words and inside the code fence, as models stream
      int step = 7;
      for (int i = 0; i < ANSWER.length(); i += step) {
        out.write(chunk(ANSWER.substring(i, Math.min(ANSWER.length(), i + step)), null).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write(chunk(null, "stop").getBytes(StandardCharsets.UTF_8));
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String chunk(String content, String finish) {
    ObjectNode c = ResultJson.MAPPER.createObjectNode();
    c.put("id", "chatcmpl-fake");
    c.put("object", "chat.completion.chunk");
    c.put("created", 1700000000);
    c.put("model", "fake-coder");
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (content != null) delta.put("content", content);
    if (finish == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finish);
    return "data: " + c + "\n\n";
  }

  private static String completion(String model) {
    ObjectNode c = ResultJson.MAPPER.createObjectNode();
    c.put("id", "chatcmpl-fake");
    c.put("object", "chat.completion");
    c.put("created", 1700000000);
    c.put("model", model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode msg = choice.putObject("message");
    msg.put("role", "assistant");
    msg.put("content", ANSWER);
    choice.put("finish_reason", "stop");
    ObjectNode usage = c.putObject("usage");
    usage.put("prompt_tokens", 10);
    usage.put("completion_tokens", 20);
    usage.put("total_tokens", 30);
    return c.toString();
  }

  private void record(HttpExchange ex, JsonNode body) {
    received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawPath(),
        ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Authorization"), body));
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
