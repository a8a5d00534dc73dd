package dev.rescue.serve.http;

import dev.rescue.internal.RedactedUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one upstream the proxy forwards to. Only the {@link UpstreamPath}s of the allow-list under the
 * configured base URL are reachable: the client chooses among the proxy's routes, never the host nor
 * a path of its own. Messages name the upstream through {@link RedactedUrl}, as they reach clients. Failures become
 * {@link ProxyError}s with the status an OpenAI client expects: 504 when the upstream does not answer
 * in time, 502 when it cannot be reached or drops the connection.
 */
final class UpstreamClient {
  private final URI base;
  private final String shown;
  private final String key;
  private final Duration timeout;
  private final HttpClient http;

  UpstreamClient(URI base, String key, Duration timeout) {
    this.base = base;
    this.shown = RedactedUrl.of(base);
    this.key = key;
    this.timeout = timeout;
    // HTTP/1.1: plain-http upstreams (vLLM, Ollama, llama.cpp) do not speak h2c, and the upgrade dance costs a round trip
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)).build();
  }

  URI base() {
    return base;
  }

  Duration timeout() {
    return timeout;
  }

  /** A whole answer: waits at most the time-out for headers and body together. */
  HttpResponse<byte[]> send(UpstreamPath path, byte[] body, Map<String, String> headers) {
    return await(http.sendAsync(request(path, body, headers), HttpResponse.BodyHandlers.ofByteArray()));
  }

  /** A streamed answer: waits at most the time-out for the headers; the caller reads the body as it comes. */
  HttpResponse<InputStream> stream(UpstreamPath path, byte[] body, Map<String, String> headers) {
    return await(http.sendAsync(request(path, body, headers), HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** The base URL's path with the route's appended; the base's query (e.g. {@code api-version=}) kept. */
  URI target(UpstreamPath path) {
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath())
        + path.path() + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
  }

  private HttpRequest request(UpstreamPath path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target(path)).timeout(timeout);
    headers.forEach(b::header);
    if (key != null) b.setHeader("Authorization", "Bearer " + key);
    b.method(path.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    return b.build();
  }

  private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> f) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw timedOut();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProxyError(503, "server_error", "interrupted", "the proxy is shutting down");
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  ProxyError timedOut() {
    return new ProxyError(504, "upstream_error", "upstream_timeout",
        "the upstream " + shown + " did not answer within " + timeout.toSeconds() + " s");
  }

  ProxyError failure(Throwable cause) {
    if (cause instanceof HttpTimeoutException) return timedOut();
    if (cause instanceof ConnectException) {
      return new ProxyError(502, "upstream_error", "upstream_unreachable", "cannot connect to the upstream " + shown);
    }
    String what = cause instanceof IOException && cause.getMessage() != null ? ": " + cause.getMessage() : "";
    return new ProxyError(502, "upstream_error", "upstream_failed",
        "the upstream " + shown + " closed the connection or sent an invalid answer" + what);
  }
}
