package dev.rescue.serve.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy listens and where it forwards.
 *
 * @param upstream base URL of the OpenAI-compatible upstream, with its {@code /v1} (like {@code OPENAI_BASE_URL})
 * @param upstreamKey the key sent upstream as a bearer token, or null; never logged
 * @param apiKeys file of client keys, or null for no client authentication
 * @param maxBodyBytes the largest request body accepted
 * @param upstreamTimeout the longest wait for the upstream's answer (headers and whole body; between
 *     chunks when streaming)
 */
public record ProxyConfig(String host, int port, URI upstream, String upstreamKey, Path apiKeys,
    long maxBodyBytes, Duration upstreamTimeout) {
  public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(120);

  public ProxyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(upstream, "upstream");
    if (!"http".equals(upstream.getScheme()) && !"https".equals(upstream.getScheme())) {
      throw new IllegalArgumentException("--upstream " + upstream + ": expected an http:// or https:// URL");
    }
    if (upstream.getHost() == null) throw new IllegalArgumentException("--upstream " + upstream + ": no host");
    String u = upstream.toString();
    if (u.endsWith("/")) upstream = URI.create(u.substring(0, u.length() - 1));
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port " + port + ": out of range");
    if (maxBodyBytes <= 0) throw new IllegalArgumentException("--max-body must be positive, got " + maxBodyBytes);
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
      throw new IllegalArgumentException("--upstream-timeout must be positive, got " + upstreamTimeout);
    }
  }

  /** Never shows the upstream key. */
  @Override
  public String toString() {
    return "ProxyConfig[host=" + host + ", port=" + port + ", upstream=" + upstream + ", upstreamKey="
        + (upstreamKey == null ? "none" : "***") + ", apiKeys=" + apiKeys + ", maxBodyBytes=" + maxBodyBytes
        + ", upstreamTimeout=" + upstreamTimeout + "]";
  }
}
