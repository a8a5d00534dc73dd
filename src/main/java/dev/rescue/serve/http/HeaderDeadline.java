package dev.rescue.serve.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Closes connections that take longer than the limit to send a request line and its headers. The
 * connector's idle time-out alone does not stop a client that sends a byte every few seconds (each
 * byte resets it), and every such connection holds a slot. Jetty 11 has no header-read deadline, so
 * one timer thread looks at the parser of each open connection a few times a second: a parser that
 * has started a request but not finished its headers for longer than the limit has its connection
 * closed. Idle keep-alive connections (parser at the start) are left to the idle time-out.
 */
final class HeaderDeadline implements AutoCloseable {
  private final ServerConnector connector;
  private final long limitNanos;
  private final Map<EndPoint, Long> readingSince = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rescue-header-deadline");
    t.setDaemon(true);
    return t;
  });

  HeaderDeadline(ServerConnector connector, Duration limit) {
    this.connector = connector;
    this.limitNanos = limit.toNanos();
    long period = Math.max(50, Math.min(500, limit.toMillis() / 4));
    timer.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    long now = System.nanoTime();
    readingSince.keySet().removeIf(ep -> !ep.isOpen());
    for (EndPoint ep : connector.getConnectedEndPoints()) {
      if (!(ep.getConnection() instanceof HttpConnection c) || !readingHeaders(c.getParser())) {
        readingSince.remove(ep);
        continue;
      }
      long since = readingSince.computeIfAbsent(ep, e -> now);
      if (now - since > limitNanos) {
        readingSince.remove(ep);
        ProxyServer.LOG.info("closing a connection from {}: no complete request headers within {} s",
            ep.getRemoteSocketAddress(), Duration.ofNanos(limitNanos).toSeconds());
        ep.close();
      }
    }
  }

  private static boolean readingHeaders(HttpParser p) {
    return !p.isStart() && p.inHeaderState();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
