package dev.rescue.serve.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Stands between stdin and the SDK's stdio transport, which stops reading for good at the first
 * line it cannot turn into a JSON-RPC message (and then answers nothing, so the client waits for
 * ever). Each line is checked here first: one that is not a JSON object gets a JSON-RPC -32700
 * Parse error (id null), an object that is no JSON-RPC message a -32600 Invalid Request; both are
 * answered here and never reach the SDK, which goes on serving the lines after them. Requests
 * passed on are counted in {@link RequestsInFlight}.
 *
 * <p>The SDK holds every request after {@code initialize} until the client's
 * {@code notifications/initialized}; a client that never sends it (a script piping
 * {@code initialize} and {@code tools/call}) would wait for ever. Such a client is taken as
 * initialized at its first other request: the gate waits for the answer to {@code initialize}, then
 * passes the notification on in its name.
 */
final class JsonRpcLineGate {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputStream toSdk;
  private final OutputStream protocolOut;
  private final RequestsInFlight inFlight;
  private final Duration answerWait;
  /** The id of the client's initialize request, until the client counts as initialized. */
  private JsonNode initializeId;
  private boolean initialized;

  /**
   * @param toSdk where good lines go (the SDK transport's input)
   * @param protocolOut stdout, shared with the SDK: errors are written holding its monitor
   */
  JsonRpcLineGate(OutputStream toSdk, OutputStream protocolOut, RequestsInFlight inFlight, Duration answerWait) {
    this.toSdk = toSdk;
    this.protocolOut = protocolOut;
    this.inFlight = inFlight;
    this.answerWait = answerWait;
  }

  /** Reads {@code in} to its end, line by line. */
  void pump(InputStream in) throws IOException, InterruptedException {
    InputStream input = new BufferedInputStream(in);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = input.read()) != -1) {
      if (b == '\n') {
        accept(line.toByteArray());
        line.reset();
      } else {
        line.write(b);
      }
    }
    if (line.size() > 0) accept(line.toByteArray());
  }

  private void accept(byte[] bytes) throws IOException, InterruptedException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      error(null, PARSE_ERROR, "Parse error: the line is not valid UTF-8");
      return;
    }
    if (text.isBlank()) return;
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      error(null, PARSE_ERROR, "Parse error: not JSON (" + e.getOriginalMessage() + ")");
      return;
    }
    if (m == null || !m.isObject()) {
      String got = m == null ? "nothing" : m.isArray() ? "an array" : "a " + m.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      error(null, PARSE_ERROR, "Parse error: expected one JSON-RPC message, a JSON object, a line; got " + got);
      return;
    }
    JsonNode id = m.get("id");
    boolean validId = id == null || id.isNull() || id.isTextual() || id.isIntegralNumber();
    boolean request = m.path("method").isTextual();
    boolean response = id != null && !id.isNull() && (m.has("result") || m.has("error"));
    if (!"2.0".equals(m.path("jsonrpc").asText(null)) || !validId || !(request || response)) {
      error(validId ? id : null, INVALID_REQUEST, "Invalid Request: expected a JSON-RPC 2.0 request, notification or response");
      return;
    }
    String method = m.path("method").asText("");
    if (method.equals("notifications/initialized")) initialized = true;
    if (request && id != null && !id.isNull()) {
      if (method.equals("initialize")) {
        initializeId = id;
      } else if (!initialized && initializeId != null && !method.equals("ping")) {
        inFlight.awaitAnswered(initializeId, answerWait);
        pass("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        initialized = true;
      }
      inFlight.asked(id);
    }
    pass(text);
  }

  private void pass(String line) throws IOException {
    toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toSdk.flush();
  }

  private void error(JsonNode id, int code, String message) throws IOException {
    ObjectNode e = JSON.createObjectNode();
    e.put("jsonrpc", "2.0");
    if (id == null) e.putNull("id");
    else e.set("id", id);
    e.putObject("error").put("code", code).put("message", message);
    byte[] line = (e.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (protocolOut) {
      protocolOut.write(line);
      protocolOut.flush();
    }
  }
}
