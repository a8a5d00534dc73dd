package dev.rescue.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.BundledService;
import dev.rescue.serve.InjectionMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/security-check} on a real proxy, over plain HTTP: the JSON of {@code rescue check}. */
class SecurityCheckRouteTest {
  static FakeUpstream upstream;
  static ProxyServer proxy;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeUpstream();
    proxy = new ProxyServer(new ProxyConfig("127.0.0.1", 0, upstream.base(), "upstream-secret", null,
        1024 * 1024, Duration.ofSeconds(2)), BundledService.with(InjectionMode.SYSTEM)).start();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/security-check"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStrcpyInCIsFoundWithItsGuidance() throws Exception {
    HttpResponse<String> r = post("{\"code\": \"#include <string.h>\\nvoid f(char *d, const char *s) {\\n  strcpy(d, s);\\n}\\n\","
        + " \"language\": \"c\", \"file\": \"copy.c\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode report = ResultJson.MAPPER.readTree(r.body());
    assertThat(report.get("format").asText()).isEqualTo("rescue-check/1");
    JsonNode result = report.at("/results/0");
    assertThat(result.get("file").asText()).isEqualTo("copy.c");
    assertThat(result.get("clean").asBoolean()).isFalse();
    assertThat(result.get("findings")).anySatisfy(f -> {
      assertThat(f.get("cwe").asText()).isEqualTo("CWE-120");
      assertThat(f.get("line").asInt()).isEqualTo(3);
      assertThat(f.at("/guidance/guideline").asText()).isNotBlank();
      assertThat(f.at("/guidance/secure_example").asText()).contains("snprintf");
    });
  }

  @Test
  void safeCodeIsClean() throws Exception {
    HttpResponse<String> r = post("{\"code\": \"import json\\n\\ndef f(s):\\n    return json.loads(s)\\n\", \"language\": \"py\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ResultJson.MAPPER.readTree(r.body()).at("/results/0/clean").asBoolean()).isTrue();
  }

  @Test
  void badRequestsNameWhatIsWrong() throws Exception {
    HttpResponse<String> noCode = post("{\"language\": \"py\"}");
    assertThat(noCode.statusCode()).isEqualTo(400);
    assertThat(noCode.body()).contains("'code' is required");
    HttpResponse<String> klingon = post("{\"code\": \"x = 1\", \"language\": \"klingon\"}");
    assertThat(klingon.statusCode()).isEqualTo(400);
    assertThat(klingon.body()).contains("klingon");
    HttpResponse<String> ruby = post("{\"code\": \"puts 1\", \"language\": \"rb\"}");
    assertThat(ruby.statusCode()).isEqualTo(400);
    assertThat(ruby.body()).contains("nothing here checks Ruby");
  }
}
