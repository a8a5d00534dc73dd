package dev.rescue.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.check.CheckJson;
import dev.rescue.check.CheckResult;
import dev.rescue.check.Severity;
import dev.rescue.check.SourceReader;
import dev.rescue.check.SourceUnit;
import dev.rescue.internal.RedactedUrl;
import dev.rescue.model.Task;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.TaskJson;
import dev.rescue.serve.SecurityContextService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.util.JavalinLogger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible proxy: {@code POST /v1/chat/completions} with security context injected,
 * {@code GET /v1/models} passed through, {@code POST /v1/security-context}, {@code GET /healthz}.
 * Every error is an OpenAI-style error body. Logs one line a request on stderr, never a key nor the
 * credentials of the upstream URL ({@link RedactedUrl}). Requests whose {@code Host} is not the
 * proxy's are refused ({@link AllowedHosts}); connections that send their headers too slowly, or
 * nothing for the idle time-out, are closed ({@link HeaderDeadline}, Jetty's idle time-out).
 */
public final class ProxyServer implements AutoCloseable {
  static final Logger LOG = LoggerFactory.getLogger("rescue.serve");

  private final ProxyConfig config;
  private final SecurityContextService service;
  private final ApiKeys apiKeys;
  private final UpstreamClient upstream;
  private final IdleWatchdog watchdog;
  private final AtomicLong requests = new AtomicLong();
  private Javalin app;
  private ServerConnector connector;
  private HeaderDeadline headerDeadline;
  private AllowedHosts allowedHosts;
  private boolean loopback;

  public ProxyServer(ProxyConfig config, SecurityContextService service) {
    this.config = config;
    this.service = service;
    this.apiKeys = config.apiKeys() == null ? null : ApiKeys.read(config.apiKeys());
    this.upstream = new UpstreamClient(config.upstream(), config.upstreamKey(), config.upstreamTimeout());
    this.watchdog = new IdleWatchdog(config.upstreamTimeout());
  }

  /** Whether a host name or address is the loopback interface, where client authentication is optional. */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + ": unknown host");
    }
  }

  /** Loads the model, then starts listening; returns once the port is bound. */
  public ProxyServer start() {
    service.warmUp();
    ChatForwarder chat = new ChatForwarder(service, upstream, watchdog, config.maxBodyBytes(), apiKeys == null);
    // Javalin's start-up lines (and its "Your Javalin version is N days old") repeat or say nothing
    // an operator of this proxy can act on; the proxy logs its own start-up line below
    JavalinLogger.startupInfo = false;
    app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.disableCompression(); // SSE chunks must leave as they come, not wait in a gzip buffer
      c.jetty.addConnector((server, httpConfig) -> {
        connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        return connector;
      });
    });
    app.before(ctx -> {
      ctx.attribute("rescue.start", System.nanoTime());
      String host = ctx.header("Host");
      if (!allowedHosts.accepts(host)) {
        throw new ProxyError(403, "invalid_request_error", "host_not_allowed", "this proxy does not answer to Host '"
            + host + "' (it answers to " + String.join(", ", allowedHosts.describe()) + "): a web page may be trying "
            + "to reach it through DNS rebinding; if you meant to use this name, start the proxy with --allowed-host NAME");
      }
      if (apiKeys != null && !ctx.path().equals("/healthz") && !apiKeys.accepts(ctx.header("Authorization"))) {
        throw new ProxyError(401, "invalid_request_error", "invalid_api_key",
            "missing or unknown API key: send 'Authorization: Bearer KEY' with a key from the proxy's --api-keys file");
      }
    });
    app.post("/v1/chat/completions", chat::handle);
    app.get("/v1/models", ctx -> chat.passThroughGet(ctx, UpstreamPath.models()));
    app.get("/v1/models/{model}", ctx -> chat.passThroughGet(ctx, UpstreamPath.model(ctx.pathParam("model"))));
    app.post("/v1/security-context", this::securityContext);
    app.post("/v1/security-check", this::securityCheck);
    app.get("/healthz", this::health);
    app.exception(ProxyError.class, (e, ctx) -> error(ctx, e));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {}: internal error", ctx.method(), ctx.path(), e);
      error(ctx, new ProxyError(500, "server_error", "internal_error", "internal error in the proxy: " + e.getMessage()));
    });
    app.error(404, ctx -> {
      if (ctx.attribute(ChatForwarder.RELAYED) == null) { // an upstream's own 404 (unknown model) stays as it was
        error(ctx, new ProxyError(404, "invalid_request_error", "unknown_url",
            "unknown route " + ctx.method() + " " + ctx.path() + " (the proxy serves /v1/chat/completions, /v1/models, "
                + "/v1/security-context and /healthz)"));
      }
    });
    app.after(ctx -> {
      Long start = ctx.attribute("rescue.start");
      double ms = start == null ? 0 : (System.nanoTime() - start) / 1e6;
      String outcome = ctx.res().getHeader(ChatForwarder.OUTCOME_HEADER);
      String cwes = ctx.res().getHeader(ChatForwarder.CWES_HEADER);
      LOG.info("{} {} {} {} ms{}{}", ctx.method(), ctx.path(), ctx.res().getStatus(), String.format(java.util.Locale.ROOT, "%.1f", ms),
          outcome == null ? "" : " " + outcome, cwes == null ? "" : " " + cwes);
    });
    loopback = isLoopback(config.host());
    app.start();
    allowedHosts = AllowedHosts.of(config.host(), app.port(), config.allowedHosts());
    headerDeadline = new HeaderDeadline(connector, config.headerTimeout());
    LOG.info("rescue proxy on http://{}:{} -> {} (client auth {}, upstream key {})", config.host(), app.port(),
        RedactedUrl.of(config.upstream()), apiKeys == null ? "off" : apiKeys.size() + " keys",
        config.upstreamKey() == null ? "none" : "set");
    return this;
  }

  /** The port bound, useful when the configuration asked for port 0. */
  public int port() {
    return app.port();
  }

  private void securityContext(Context ctx) {
    ObjectNode body = JsonBody.read(ctx, config.maxBodyBytes());
    Task task;
    try {
      task = TaskJson.of(body, "request-" + requests.incrementAndGet());
    } catch (IllegalArgumentException e) {
      throw ProxyError.badRequest("invalid_task", "invalid task: " + e.getMessage()
          + " (expected {\"id\"?, \"task\", \"code\"?, \"language\"?})");
    }
    ctx.contentType("application/json");
    ctx.result(service.resultJson(service.context(task)).toString());
  }

  /** {@code rescue check --json} for one piece of code: {@code {"code", "language"?, "task"?, "file"?}}. */
  private void securityCheck(Context ctx) {
    ObjectNode body = JsonBody.read(ctx, config.maxBodyBytes());
    SourceUnit unit;
    try {
      unit = new SourceReader(config.maxBodyBytes()).fromClient(text(body, "file", "code"),
          text(body, "code", null), text(body, "language", null), text(body, "task", null));
    } catch (IllegalArgumentException e) {
      throw ProxyError.badRequest("invalid_code", "invalid check request: " + e.getMessage()
          + " (expected {\"code\", \"language\"?, \"task\"?, \"file\"?})");
    }
    CheckResult r = service.check(unit);
    ctx.contentType("application/json");
    ctx.result(CheckJson.report(List.of(r), List.of(), Severity.DEFAULT_FAIL_ON).toString());
  }

  private static String text(ObjectNode body, String field, String fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string");
    return v.asText();
  }

  /**
   * Always {@code {"status":"ok"}} without a key, for load balancers; the KB size and the (redacted)
   * upstream only to a client with a key, or to anyone on a loopback proxy without client keys.
   */
  private void health(Context ctx) {
    ObjectNode o = ResultJson.MAPPER.createObjectNode();
    o.put("status", "ok");
    boolean details = apiKeys != null ? apiKeys.accepts(ctx.header("Authorization")) : loopback;
    if (!details) {
      ctx.contentType("application/json");
      ctx.result(o.toString());
      return;
    }
    o.put("cwes", service.cweIds().size());
    o.put("upstream", RedactedUrl.of(config.upstream()));
    ctx.contentType("application/json");
    ctx.result(o.toString());
  }

  static void error(Context ctx, ProxyError e) {
    if (ctx.res().isCommitted()) return; // a stream already started: nothing more can be said in HTTP
    ctx.status(e.status);
    ctx.contentType("application/json");
    ctx.result(e.body().toString());
    if (e.status >= 500) LOG.warn("{} {}: {} {}", ctx.method(), ctx.path(), e.status, e.getMessage());
  }

  @Override
  public void close() {
    if (headerDeadline != null) headerDeadline.close();
    if (app != null) app.stop();
    watchdog.close();
  }
}
