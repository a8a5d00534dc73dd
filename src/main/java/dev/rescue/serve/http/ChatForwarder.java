package dev.rescue.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.ChatInjection;
import dev.rescue.serve.SecurityContextService;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards chat requests to the upstream with the security context injected, and relays the answer:
 * whole, or chunk by chunk as the upstream streams it. Upstream error answers (an unknown model's
 * 404, a rate limit's 429) pass through with their status and body.
 */
final class ChatForwarder {
  /** The CWEs whose guidance was injected, best first, comma-separated. */
  static final String CWES_HEADER = "X-Rescue-CWEs";
  /** {@code injected}, {@code abstained} or {@code not-code}. */
  static final String OUTCOME_HEADER = "X-Rescue-Outcome";
  /** Time the retrieval took, in milliseconds (absent when the request was not about code). */
  static final String RETRIEVAL_HEADER = "X-Rescue-Retrieval-Ms";

  /** Request attribute marking an answer that came from the upstream, so that error pages leave it alone. */
  static final String RELAYED = "rescue.relayed";

  // headers a client may send that mean something to an OpenAI-compatible server
  private static final List<String> REQUEST_HEADERS =
      List.of("accept", "openai-organization", "openai-project", "openai-beta", "user-agent");
  private static final List<String> RESPONSE_HEADER_PREFIXES =
      List.of("x-request-id", "openai-", "x-ratelimit-", "retry-after");

  private final SecurityContextService service;
  private final UpstreamClient upstream;
  private final IdleWatchdog watchdog;
  private final long maxBodyBytes;
  private final boolean forwardClientAuthorization;
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param forwardClientAuthorization whether the client's own Authorization goes upstream when the
   *     proxy has no upstream key (only when clients do not authenticate to the proxy itself)
   */
  ChatForwarder(SecurityContextService service, UpstreamClient upstream, IdleWatchdog watchdog, long maxBodyBytes,
      boolean forwardClientAuthorization) {
    this.service = service;
    this.upstream = upstream;
    this.watchdog = watchdog;
    this.maxBodyBytes = maxBodyBytes;
    this.forwardClientAuthorization = forwardClientAuthorization;
  }

  void handle(Context ctx) throws IOException {
    ObjectNode request = JsonBody.read(ctx, maxBodyBytes);
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ProxyError.badRequest("invalid_messages", "'messages' must be a non-empty array of chat messages");
    }
    for (JsonNode m : messages) {
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw ProxyError.badRequest("invalid_messages", "every message needs a string 'role'");
      }
    }
    ChatInjection injection;
    try {
      injection = service.forChat(request, "chat-" + ids.incrementAndGet());
    } catch (IllegalArgumentException e) {
      throw ProxyError.badRequest("invalid_task", "cannot read the coding task of the request: " + e.getMessage());
    }
    ctx.header(OUTCOME_HEADER, injection.outcome().header());
    if (!injection.cwes().isEmpty()) ctx.header(CWES_HEADER, String.join(",", injection.cwes()));
    if (injection.retrieval() != null) {
      ctx.header(RETRIEVAL_HEADER, String.format(Locale.ROOT, "%.1f", injection.retrieval().latencyMs()));
    }
    // untouched requests go upstream byte for byte as parsed; injected ones re-serialised
    byte[] body = ResultJson.MAPPER.writeValueAsBytes(injection.request());
    Map<String, String> headers = upstreamHeaders(ctx);
    if (request.path("stream").asBoolean(false)) {
      relayStream(ctx, upstream.stream(UpstreamPath.chatCompletions(), body, headers));
    } else {
      relay(ctx, upstream.send(UpstreamPath.chatCompletions(), body, headers));
    }
  }

  void passThroughGet(Context ctx, UpstreamPath path) {
    relay(ctx, upstream.send(path, null, upstreamHeaders(ctx)));
  }

  private Map<String, String> upstreamHeaders(Context ctx) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    for (String name : REQUEST_HEADERS) {
      String v = ctx.header(name);
      if (v != null) h.put(name, v);
    }
    String auth = ctx.header("Authorization");
    if (forwardClientAuthorization && auth != null) h.put("Authorization", auth); // replaced when the proxy has a key
    return h;
  }

  private static void relay(Context ctx, HttpResponse<byte[]> r) {
    relay(ctx, r.statusCode(), r.headers(), r.body());
  }

  private static void relay(Context ctx, int status, HttpHeaders headers, byte[] body) {
    ctx.attribute(RELAYED, true);
    ctx.status(status);
    copyHeaders(headers, ctx.res());
    if (status >= 400 && !isJson(body)) {
      // an upstream that answers errors in plain text or HTML: wrap so OpenAI clients can read it
      String text = new String(body, StandardCharsets.UTF_8).strip();
      if (text.length() > 500) text = text.substring(0, 500) + "...";
      ctx.contentType("application/json");
      ctx.result(ProxyError.body("upstream answered " + status + (text.isEmpty() ? "" : ": " + text),
          "upstream_error", "upstream_" + status).toString());
      return;
    }
    ctx.contentType(headers.firstValue("content-type").orElse("application/json"));
    ctx.result(body);
  }

  private void relayStream(Context ctx, HttpResponse<InputStream> r) throws IOException {
    if (r.statusCode() >= 400) {
      // an error before the stream started: an ordinary answer, relayed whole
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readNBytes(1 << 20);
      }
      relay(ctx, r.statusCode(), r.headers(), body);
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setStatus(r.statusCode());
    copyHeaders(r.headers(), res);
    res.setContentType(r.headers().firstValue("content-type").orElse("text/event-stream"));
    res.setHeader("Cache-Control", "no-cache");
    byte[] buf = new byte[8192];
    try (InputStream in = r.body(); IdleWatchdog.Watch watch = watchdog.watch(in)) {
      OutputStream out = res.getOutputStream();
      res.flushBuffer(); // headers now: the client sees the stream open even before the first token
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          ProxyError err = watch.expired() ? upstream.timedOut() : upstream.failure(e);
          ProxyServer.LOG.warn("{} {}: stream broke: {}", ctx.method(), ctx.path(), err.getMessage());
          // headers are gone: the SSE error event is the only way to tell the client
          out.write(("data: " + err.body() + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          return;
        }
        if (n < 0) break;
        watch.touch();
        try {
          out.write(buf, 0, n);
          out.flush();
        } catch (IOException e) {
          // the client went away: closing the upstream stream (try-with-resources) stops the generation
          ProxyServer.LOG.info("{} {}: client closed the stream", ctx.method(), ctx.path());
          return;
        }
      }
    }
  }

  private static void copyHeaders(HttpHeaders from, HttpServletResponse to) {
    from.map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      for (String p : RESPONSE_HEADER_PREFIXES) {
        if (lower.startsWith(p) && !values.isEmpty()) {
          to.setHeader(name, values.get(0));
          break;
        }
      }
    });
  }

  private static boolean isJson(byte[] body) {
    try {
      return ResultJson.MAPPER.readTree(body) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
