package dev.rescue.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.BundledService;
import dev.rescue.serve.InjectionMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy stays confined to its upstream: only its routes reach it, a client cannot steer the
 * operator's key to another path, a web page cannot drive it through DNS rebinding, its upstream's
 * credentials are never shown, and slow clients do not hold connections for ever. Requests go over
 * raw sockets so that the Host header and the request line are exactly what a test says.
 */
class ProxyConfinementTest {
  static FakeUpstream upstream;
  static ProxyServer proxy;

  @BeforeAll
  static void start() throws IOException {
    upstream = new FakeUpstream();
    proxy = start(config(upstream.base(), null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  static ProxyConfig config(URI base, Path apiKeys, List<String> allowedHosts, Duration headerTimeout, Duration idle) {
    return new ProxyConfig("127.0.0.1", 0, base, "upstream-secret", apiKeys, 1024 * 1024, Duration.ofSeconds(5),
        allowedHosts, headerTimeout, idle);
  }

  static ProxyServer start(ProxyConfig config) {
    return new ProxyServer(config, BundledService.with(InjectionMode.SYSTEM)).start();
  }

  /** An answer read off a raw socket: status, and the body after the blank line. */
  record Answer(int status, String head, String body) {
    JsonNode json() throws IOException {
      return ResultJson.MAPPER.readTree(body);
    }
  }

  static Answer get(ProxyServer p, String rawTarget, String host, String auth) throws IOException {
    try (Socket s = new Socket("127.0.0.1", p.port())) {
      s.setSoTimeout(20_000);
      String req = "GET " + rawTarget + " HTTP/1.1\r\nHost: " + host + "\r\n"
          + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "Connection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(all.substring(9, 12)), all.substring(0, split), all.substring(split + 4));
    }
  }

  static Answer get(String rawTarget) throws IOException {
    return get(proxy, rawTarget, "127.0.0.1:" + proxy.port(), null);
  }

  @Test
  void anEncodedDotDotInAModelIdIsA400AndNothingReachesTheUpstream() throws Exception {
    int before = upstream.received().size();
    Answer a = get("/v1/models/..%2F..%2Fadmin");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/message").asText()).contains("'../../admin'", "'..'");
    assertThat(get("/v1/models/%2E%2E").status()).isEqualTo(400);
    assertThat(upstream.received()).hasSize(before);
  }

  @Test
  void aModelIdIsOneEncodedSegmentSoAnEncodedQuestionMarkStaysInThePath() throws Exception {
    Answer a = get("/v1/models/x%3Fa=b");

    assertThat(a.status()).isEqualTo(200);
    FakeUpstream.Received r = upstream.last();
    assertThat(r.rawPath()).isEqualTo("/v1/models/x%3Fa%3Db");
    assertThat(r.rawQuery()).isNull();
    assertThat(r.path()).isEqualTo("/v1/models/x?a=b");
  }

  @Test
  void ordinaryModelIdsPassAsTheyAre() throws Exception {
    assertThat(get("/v1/models/llama3:8b-instruct_q4.0").status()).isEqualTo(200);
    assertThat(upstream.last().rawPath()).isEqualTo("/v1/models/llama3:8b-instruct_q4.0");
    assertThat(get("/v1/models/meta-llama%2FLlama-3-8B").status()).isEqualTo(200);
    assertThat(upstream.last().rawPath()).isEqualTo("/v1/models/meta-llama%2FLlama-3-8B");
  }

  @Test
  void onlyTheProxysRoutesAreForwarded() throws Exception {
    int before = upstream.received().size();
    assertThat(get("/v1/models/a/b").status()).isEqualTo(404);
    assertThat(get("/v1/files").status()).isEqualTo(404);
    assertThat(get("/v1/../admin").status()).isIn(400, 404);
    assertThat(upstream.received()).hasSize(before);
  }

  @Test
  void aForeignHostHeaderIsRefusedWithAMessageSayingWhyAndHow() throws Exception {
    int before = upstream.received().size();
    Answer a = get(proxy, "/v1/models", "evil.example:" + proxy.port(), null);

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("host_not_allowed");
    assertThat(a.json().at("/error/message").asText())
        .contains("evil.example", "DNS rebinding", "--allowed-host", "localhost:" + proxy.port());
    assertThat(get(proxy, "/healthz", "evil.example", null).status()).isEqualTo(403);
    assertThat(upstream.received()).hasSize(before);
  }

  @Test
  void theLoopbackNamesWithTheBoundPortAreServed() throws Exception {
    for (String host : List.of("127.0.0.1:" + proxy.port(), "localhost:" + proxy.port(), "LOCALHOST:" + proxy.port(),
        "[::1]:" + proxy.port())) {
      assertThat(get(proxy, "/healthz", host, null).status()).as(host).isEqualTo(200);
    }
    assertThat(get(proxy, "/healthz", "localhost:1", null).status()).as("another port").isEqualTo(403);
  }

  @Test
  void anAllowedHostIsServedOnAnyPort() throws Exception {
    try (ProxyServer p = start(config(upstream.base(), null, List.of("Proxy.Example.com"), Duration.ofSeconds(10),
        Duration.ofSeconds(30)))) {
      assertThat(get(p, "/v1/models", "proxy.example.com", null).status()).isEqualTo(200);
      assertThat(get(p, "/v1/models", "proxy.example.com:443", null).status()).isEqualTo(200);
      assertThat(get(p, "/v1/models", "other.example.com", null).status()).isEqualTo(403);
    }
  }

  @Test
  void credentialsInTheUpstreamUrlAreNeverShownToClients() throws Exception {
    URI secretBase = URI.create(upstream.base().toString().replace("http://", "http://alice:hunter2@") + "?api-key=s3cret");
    try (ProxyServer p = start(config(secretBase, null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
      Answer health = get(p, "/healthz", "127.0.0.1:" + p.port(), null);
      assertThat(health.body()).doesNotContain("hunter2", "alice", "s3cret")
          .contains("http://***@127.0.0.1:" + upstream.base().getPort() + "/v1?api-key=***");

      assertThat(get(p, "/v1/models", "127.0.0.1:" + p.port(), null).status()).isEqualTo(200);
      assertThat(upstream.last().rawQuery()).as("the base URL's query still goes upstream").isEqualTo("api-key=s3cret");
    }
    URI deadBase = URI.create("http://alice:hunter2@127.0.0.1:1/v1");
    try (ProxyServer p = start(config(deadBase, null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
      Answer a = get(p, "/v1/models", "127.0.0.1:" + p.port(), null);
      assertThat(a.status()).isEqualTo(502);
      assertThat(a.body()).contains("***@127.0.0.1:1").doesNotContain("hunter2");
    }
  }

  @Test
  void offLoopbackStyleHealthzShowsOnlyTheStatusWithoutAKey(@TempDir Path dir) throws Exception {
    Path keys = Files.writeString(dir.resolve("keys.txt"), "client-key\n");
    try (ProxyServer p = start(config(upstream.base(), keys, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
      String host = "127.0.0.1:" + p.port();
      Answer anonymous = get(p, "/healthz", host, null);
      assertThat(anonymous.status()).isEqualTo(200);
      assertThat(anonymous.json().properties()).extracting(java.util.Map.Entry::getKey).containsExactly("status");

      Answer withKey = get(p, "/healthz", host, "Bearer client-key");
      assertThat(withKey.json().get("cwes").asInt()).isPositive();
      assertThat(withKey.json().get("upstream").asText()).isEqualTo(upstream.base().toString());
    }
  }

  @Test
  void aClientThatSendsHalfARequestLineIsDisconnectedAfterTheHeaderTimeout() throws Exception {
    // idle time-out far above the socket's read limit: only the header deadline can close it in time
    try (ProxyServer p = start(config(upstream.base(), null, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(60)));
        Socket s = new Socket("127.0.0.1", p.port())) {
      s.getOutputStream().write("GET /healthz HT".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.setSoTimeout(15_000);
      assertThat(readUntilClosed(s.getInputStream())).as("the server closed the connection").isTrue();
    }
  }

  @Test
  void aClientThatTricklesItsHeadersIsDisconnectedToo() throws Exception {
    try (ProxyServer p = start(config(upstream.base(), null, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(60)));
        Socket s = new Socket("127.0.0.1", p.port())) {
      s.setSoTimeout(200);
      byte[] request = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + p.port() + "\r\nX-Slow: "
          + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
      boolean closed = false;
      // a byte every 100 ms: each one would reset an idle time-out; 200 bytes take 20 s
      for (int i = 0; i < request.length && !closed; i++) {
        try {
          s.getOutputStream().write(request[i]);
          s.getOutputStream().flush();
          Thread.sleep(100);
          closed = s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("closed before the headers were complete").isTrue();
    }
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (ProxyServer p = start(config(upstream.base(), null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(1)));
        Socket s = new Socket("127.0.0.1", p.port())) {
      s.setSoTimeout(15_000);
      assertThat(readUntilClosed(s.getInputStream())).isTrue();
    }
  }

  @Test
  void anUpstreamSlowerThanTheIdleTimeoutIsStillWaitedFor() throws Exception {
    try (FakeUpstream slow = new FakeUpstream(2500);
        ProxyServer p = start(config(slow.base(), null, List.of(), Duration.ofSeconds(10), Duration.ofSeconds(1)))) {
      java.net.http.HttpResponse<String> r = ProxyServerTest.post(p, "/v1/chat/completions", "application/json",
          ProxyServerTest.chat("fake-coder", ProxyServerTest.NOT_CODE, false), null);
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  /** True when the peer closed (end of stream or reset), false when the read timed out first. */
  private static boolean readUntilClosed(InputStream in) {
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    try {
      byte[] buf = new byte[512];
      for (int n; (n = in.read(buf)) >= 0; ) ignored.write(buf, 0, n);
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
