package dev.rescue.serve.http;

import dev.rescue.internal.RedactedUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the proxy listens and where it forwards.
 *
 * @param upstream base URL of the OpenAI-compatible upstream, with its {@code /v1} (like {@code OPENAI_BASE_URL});
 *     shown only through {@link RedactedUrl}
 * @param upstreamKey the key sent upstream as a bearer token, or null; never logged
 * @param apiKeys file of client keys, or null for no client authentication
 * @param maxBodyBytes the largest request body accepted
 * @param upstreamTimeout the longest wait for the upstream's answer (headers and whole body; between
 *     chunks when streaming)
 * @param allowedHosts {@code Host} names served besides the bound ones (see {@link AllowedHosts})
 * @param headerTimeout the longest a client may take to send a request line and its headers
 * @param idleTimeout how long a connection may stay silent (Jetty's connector idle time-out)
 */
public record ProxyConfig(String host, int port, URI upstream, String upstreamKey, Path apiKeys,
    long maxBodyBytes, Duration upstreamTimeout, List<String> allowedHosts, Duration headerTimeout,
    Duration idleTimeout) {
  public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public ProxyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(upstream, "upstream");
    String shown = RedactedUrl.of(upstream);
    if (!"http".equals(upstream.getScheme()) && !"https".equals(upstream.getScheme())) {
      throw new IllegalArgumentException("--upstream " + shown + ": expected an http:// or https:// URL");
    }
    if (upstream.getHost() == null) throw new IllegalArgumentException("--upstream " + shown + ": no host");
    if (upstream.getRawFragment() != null) {
      throw new IllegalArgumentException("--upstream " + shown + ": a base URL has no #fragment");
    }
    String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
    if (path.endsWith("/")) upstream = withPath(upstream, path.substring(0, path.length() - 1));
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port " + port + ": out of range");
    if (maxBodyBytes <= 0) throw new IllegalArgumentException("--max-body must be positive, got " + maxBodyBytes);
    positive("--upstream-timeout", upstreamTimeout);
    positive("--header-timeout", headerTimeout);
    positive("--idle-timeout", idleTimeout);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    for (String h : allowedHosts) {
      if (h.isBlank() || h.contains("/") || h.contains("@")) {
        throw new IllegalArgumentException("--allowed-host '" + h + "': expected a host name such as proxy.example.com");
      }
    }
  }

  /** The defaults for the host check and the connection time-outs. */
  public ProxyConfig(String host, int port, URI upstream, String upstreamKey, Path apiKeys, long maxBodyBytes,
      Duration upstreamTimeout) {
    this(host, port, upstream, upstreamKey, apiKeys, maxBodyBytes, upstreamTimeout, List.of(),
        DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  private static void positive(String option, Duration d) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(option + " must be positive, got " + d);
  }

  private static URI withPath(URI u, String rawPath) {
    return URI.create(u.getScheme() + "://" + u.getRawAuthority() + rawPath
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
  }

  /** Never shows the upstream key, nor credentials in the upstream URL. */
  @Override
  public String toString() {
    return "ProxyConfig[host=" + host + ", port=" + port + ", upstream=" + RedactedUrl.of(upstream) + ", upstreamKey="
        + (upstreamKey == null ? "none" : "***") + ", apiKeys=" + apiKeys + ", maxBodyBytes=" + maxBodyBytes
        + ", upstreamTimeout=" + upstreamTimeout + ", allowedHosts=" + allowedHosts + ", headerTimeout="
        + headerTimeout + ", idleTimeout=" + idleTimeout + "]";
  }
}
