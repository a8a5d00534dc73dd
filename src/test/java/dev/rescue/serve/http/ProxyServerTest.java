package dev.rescue.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.BundledService;
import dev.rescue.serve.InjectionMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyServerTest {
  // with code: the API facet finds yaml.load whatever the KB's cause gate is calibrated to
  static final String YAML_TASK = "Fix this function that loads the config file a user uploaded:\n"
      + "```python\nimport yaml\n\ndef load_config(path):\n    with open(path) as f:\n        return yaml.load(f)\n```";
  static final String NOT_CODE = "What is the capital of France?";

  static FakeUpstream upstream;
  static ProxyServer proxy;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws IOException {
    upstream = new FakeUpstream();
    proxy = start(InjectionMode.SYSTEM, null, "upstream-secret");
  }

  static ProxyServer start(InjectionMode mode, Path apiKeys, String upstreamKey) {
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, upstream.base(), upstreamKey, apiKeys,
        1024 * 1024, Duration.ofSeconds(2));
    return new ProxyServer(config, BundledService.with(mode)).start();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  static String chat(String model, String userText, boolean stream) {
    ObjectNode r = ResultJson.MAPPER.createObjectNode();
    r.put("model", model);
    r.put("temperature", 0.3);
    if (stream) r.put("stream", true);
    r.putArray("messages").addObject().put("role", "system").put("content", "You are a helpful assistant.");
    ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("messages")).addObject().put("role", "user").put("content", userText);
    return r.toString();
  }

  static HttpResponse<String> post(ProxyServer p, String path, String contentType, String body, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (auth != null) b.header("Authorization", auth);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return post(proxy, path, "application/json", body, null);
  }

  static HttpResponse<String> get(ProxyServer p, String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path)).GET();
    if (auth != null) b.header("Authorization", auth);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return ResultJson.MAPPER.readTree(r.body());
  }

  static void assertServerStaysUp() throws Exception {
    assertThat(get(proxy, "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void codingRequestReachesUpstreamWithSecurityContextAsSystemMessageAndTheAnswerComesBackIntact() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("fake-coder", YAML_TASK, false));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/choices/0/message/content").asText()).isEqualTo(FakeUpstream.ANSWER);
    assertThat(r.headers().firstValue("X-Rescue-Outcome")).hasValue("injected");
    assertThat(r.headers().firstValue("X-Rescue-CWEs").orElseThrow()).contains("CWE-502");
    assertThat(Double.parseDouble(r.headers().firstValue("X-Rescue-Retrieval-Ms").orElseThrow())).isPositive();
    JsonNode sent = upstream.last().body();
    assertThat(sent.get("messages")).hasSize(3);
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are a helpful assistant.");
    assertThat(sent.at("/messages/1/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/1/content").asText()).contains("Security guidance", "safe_load");
    assertThat(sent.at("/messages/2/content").asText()).isEqualTo(YAML_TASK);
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
    assertThat(upstream.last().authorization()).isEqualTo("Bearer upstream-secret");
  }

  @Test
  void userPrefixModePutsTheContextInFrontOfTheLastUserMessage() throws Exception {
    try (ProxyServer p = start(InjectionMode.USER_PREFIX, null, null)) {
      HttpResponse<String> r = post(p, "/v1/chat/completions", "application/json", chat("fake-coder", YAML_TASK, false), null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode sent = upstream.last().body();
      assertThat(sent.get("messages")).hasSize(2);
      assertThat(sent.at("/messages/1/content").asText()).contains("safe_load").endsWith(YAML_TASK);
    }
  }

  @Test
  void requestNotAboutCodePassesThroughUntouched() throws Exception {
    String body = chat("fake-coder", NOT_CODE, false);
    HttpResponse<String> r = post("/v1/chat/completions", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Rescue-Outcome")).hasValue("not-code");
    assertThat(r.headers().firstValue("X-Rescue-CWEs")).isEmpty();
    assertThat(upstream.last().body()).isEqualTo(ResultJson.MAPPER.readTree(body));
  }

  @Test
  void codeRequestThatNeedsNoSecurityGuidanceIsForwardedUntouched() throws Exception {
    String body = chat("fake-coder", "Write a Python function that returns the sum of a list of integers:\n```python\ndef total(xs):\n```", false);
    HttpResponse<String> r = post("/v1/chat/completions", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Rescue-Outcome")).hasValue("abstained");
    assertThat(upstream.last().body()).isEqualTo(ResultJson.MAPPER.readTree(body));
  }

  @Test
  void streamingAnswerIsRelayedChunkByChunkWithTheCwesHeader() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("fake-coder", YAML_TASK, true));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    assertThat(r.headers().firstValue("X-Rescue-CWEs").orElseThrow()).contains("CWE-502");
    assertThat(r.headers().firstValue("x-request-id")).hasValue("req-fake-1");
    StringBuilder answer = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (!line.startsWith("data: {")) continue;
      JsonNode delta = ResultJson.MAPPER.readTree(line.substring(6)).at("/choices/0/delta/content");
      if (delta.isTextual()) answer.append(delta.asText());
    }
    assertThat(answer.toString()).isEqualTo(FakeUpstream.ANSWER);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(upstream.last().body().at("/messages/1/content").asText()).contains("safe_load");
  }

  @Test
  void streamThatStallsEndsWithAnErrorEventAfterTheTimeout() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("stall", YAML_TASK, true));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Hello").contains("\"code\":\"upstream_timeout\"");
    assertServerStaysUp();
  }

  @Test
  void modelsArePassedThrough() throws Exception {
    HttpResponse<String> r = get(proxy, "/v1/models", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/data/0/id").asText()).isEqualTo("fake-coder");
    assertThat(upstream.last().path()).isEqualTo("/v1/models");
  }

  @Test
  void healthzSaysOkWithTheKbSize() throws Exception {
    HttpResponse<String> r = get(proxy, "/healthz", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("ok");
    assertThat(json(r).get("cwes").asInt()).isGreaterThan(10);
  }

  @Test
  void securityContextEndpointReturnsTheRetrievalResultWithProvenance() throws Exception {
    HttpResponse<String> r = post("/v1/security-context", "{\"id\":\"t1\",\"task\":\"Load the uploaded config\","
        + "\"code\":\"import yaml\\ndef load(p):\\n    return yaml.load(open(p))\\n\",\"language\":\"py\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode n = json(r);
    assertThat(n.get("id").asText()).isEqualTo("t1");
    assertThat(n.get("abstained").asBoolean()).isFalse();
    assertThat(n.at("/cwes/0/facets/cause/score").isNumber()).isTrue();
    assertThat(n.at("/cwes/0/provenance").isObject()).isTrue();
    assertThat(n.findValuesAsText("cwe")).contains("CWE-502");
    assertThat(n.get("context").asText()).contains("safe_load");
    assertThat(n.get("context_tokens").asInt()).isPositive();
  }

  @Test
  void securityContextEndpointRefusesAnUnknownLanguageNamingIt() throws Exception {
    HttpResponse<String> r = post("/v1/security-context", "{\"id\":\"t1\",\"language\":\"klingon\",\"task\":\"x\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/message").asText()).contains("klingon");
  }

  @Test
  void malformedJsonIsA400NamingTheProblem() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", "{\"model\": \"fake-coder\", \"messages\": [");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/message").asText()).startsWith("malformed JSON");
    assertThat(json(r).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertServerStaysUp();
  }

  @Test
  void requestWithoutMessagesIsA400() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", "{\"model\": \"fake-coder\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/message").asText()).contains("'messages'");
  }

  @Test
  void wrongContentTypeIsA415() throws Exception {
    HttpResponse<String> r = post(proxy, "/v1/chat/completions", "text/plain", chat("fake-coder", YAML_TASK, false), null);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).at("/error/message").asText()).contains("application/json", "text/plain");
  }

  @Test
  void fiftyMegabyteBodyIsA413AndTheServerStaysUp() throws Exception {
    int before = upstream.received().size();
    String huge = chat("fake-coder", "x".repeat(50 * 1024 * 1024), false);
    HttpResponse<String> r;
    try {
      r = post("/v1/chat/completions", huge);
    } catch (IOException e) {
      throw new AssertionError("the client should read the 413, not see the connection drop", e);
    }

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).at("/error/message").asText()).contains("limit is 1048576 bytes");
    assertThat(upstream.received()).hasSize(before);
    assertServerStaysUp();
  }

  @Test
  void unknownModelGetsTheUpstreams404Body() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("no-such-model", YAML_TASK, false));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(json(r).at("/error/message").asText()).contains("no-such-model");
  }

  @Test
  void unknownModelWhenStreamingGetsThe404TooNotAStream() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("no-such-model", YAML_TASK, true));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void upstreamThatHangsIsA504AfterTheTimeout() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = post("/v1/chat/completions", chat("hang", YAML_TASK, false));

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(json(r).at("/error/message").asText()).contains("did not answer within 2 s");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    assertServerStaysUp();
  }

  @Test
  void upstreamThatResetsIsA502() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("reset", YAML_TASK, false));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).at("/error/type").asText()).isEqualTo("upstream_error");
    assertServerStaysUp();
  }

  @Test
  void upstreamHtmlErrorIsWrappedInAnOpenAiErrorBody() throws Exception {
    HttpResponse<String> r = post("/v1/chat/completions", chat("html-error", YAML_TASK, false));

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r).at("/error/message").asText()).contains("upstream answered 500", "Internal Server Error");
  }

  @Test
  void unreachableUpstreamIsA502() throws Exception {
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, URI.create("http://127.0.0.1:1/v1"), null, null,
        1024 * 1024, Duration.ofSeconds(2));
    try (ProxyServer p = new ProxyServer(config, BundledService.with(InjectionMode.SYSTEM)).start()) {
      HttpResponse<String> r = post(p, "/v1/chat/completions", "application/json", chat("fake-coder", NOT_CODE, false), null);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(json(r).at("/error/message").asText()).contains("cannot connect");
    }
  }

  @Test
  void unknownRouteIsAnOpenAiStyle404() throws Exception {
    HttpResponse<String> r = post("/v1/completions", "{}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).at("/error/message").asText()).contains("unknown route");
  }

  @Test
  void withApiKeysAClientWithoutAKnownKeyIsRefusedAndItsKeyNeverGoesUpstream(@TempDir Path dir) throws Exception {
    Path keys = Files.writeString(dir.resolve("keys.txt"), "# clients\nclient-key-1\n\nclient-key-2\n");
    try (ProxyServer p = start(InjectionMode.SYSTEM, keys, null)) {
      String body = chat("fake-coder", NOT_CODE, false);
      assertThat(post(p, "/v1/chat/completions", "application/json", body, null).statusCode()).isEqualTo(401);
      HttpResponse<String> wrong = post(p, "/v1/chat/completions", "application/json", body, "Bearer nope");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(json(wrong).at("/error/code").asText()).isEqualTo("invalid_api_key");
      assertThat(wrong.body()).doesNotContain("nope");
      assertThat(get(p, "/healthz", null).statusCode()).isEqualTo(200);

      HttpResponse<String> ok = post(p, "/v1/chat/completions", "application/json", body, "Bearer client-key-2");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(upstream.last().authorization()).isNull();
    }
  }

  @Test
  void withoutApiKeysOrUpstreamKeyTheClientsOwnKeyIsForwarded() throws Exception {
    try (ProxyServer p = start(InjectionMode.SYSTEM, null, null)) {
      post(p, "/v1/chat/completions", "application/json", chat("fake-coder", NOT_CODE, false), "Bearer sk-client-own");
      assertThat(upstream.last().authorization()).isEqualTo("Bearer sk-client-own");
    }
  }
}
