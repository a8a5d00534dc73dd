package dev.rescue.serve.http;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.serve.BundledService;
import dev.rescue.serve.InjectionMode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node SDK against the proxy, in front of a fake upstream that records what it
 * received. The SDK is installed into the build folder ({@code .ci/run} does it:
 * {@code npm ci --prefix <buildDir>/js}); without it (or without node) the test is skipped, saying so, and fails in CI.
 */
class OpenAiNodeSdkTest {
  @Test
  void nodeSdkGetsTheUpstreamsAnswerIntactStreamingAndNotWhileTheContextArrivesUpstream() throws Exception {
    Path buildDir = buildDir();
    Path modules = buildDir.resolve("js/node_modules");
    Requires.that(Files.isDirectory(modules.resolve("openai")),
        "the openai npm package is not installed: run 'npm ci --prefix " + buildDir.resolve("js") + "' with "
            + "src/test/js/package*.json copied there (.ci/run does it)");
    Requires.tool("node");
    Path script = Path.of("src/test/js/proxy-client.js").toAbsolutePath();

    try (FakeUpstream upstream = new FakeUpstream();
        ProxyServer proxy = new ProxyServer(new ProxyConfig("127.0.0.1", 0, upstream.base(), "upstream-secret", null,
            ProxyConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30)), BundledService.with(InjectionMode.SYSTEM)).start()) {
      ProcessBuilder pb = new ProcessBuilder("node", script.toString());
      pb.environment().put("NODE_PATH", modules.toString());
      pb.environment().put("PROXY_BASE_URL", "http://127.0.0.1:" + proxy.port() + "/v1");
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      Process p = pb.start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("node exit code; stdout: %s", stdout).isZero();
      JsonNode out = ResultJson.MAPPER.readTree(stdout);

      assertThat(out.at("/plain/content").asText()).isEqualTo(FakeUpstream.ANSWER);
      assertThat(out.at("/plain/cwes").asText()).contains("CWE-502");
      assertThat(out.at("/stream/content").asText()).isEqualTo(FakeUpstream.ANSWER);
      assertThat(out.at("/stream/chunks").asInt()).isGreaterThan(5);
      assertThat(out.at("/stream/cwes").asText()).contains("CWE-502");
      assertThat(out.at("/models/0").asText()).isEqualTo("fake-coder");
      assertThat(out.at("/unknownModel/status").asInt()).isEqualTo(404);
      assertThat(out.at("/unknownModel/message").asText()).contains("no-such-model");

      List<FakeUpstream.Received> chats = upstream.received().stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
      assertThat(chats).hasSize(3);
      for (FakeUpstream.Received r : chats.subList(0, 2)) {
        assertThat(r.body().at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(r.body().at("/messages/0/content").asText()).contains("safe_load");
        assertThat(r.body().at("/messages/1/content").asText()).contains("yaml.load(f)");
        assertThat(r.authorization()).isEqualTo("Bearer upstream-secret");
      }
      assertThat(chats.get(0).body().get("temperature").asDouble()).isEqualTo(0.1);
      assertThat(chats.get(1).body().get("stream").asBoolean()).isTrue();
    }
  }

  private static Path buildDir() throws URISyntaxException {
    // test classes live in <buildDir>/test-classes
    return Path.of(OpenAiNodeSdkTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
  }
}
