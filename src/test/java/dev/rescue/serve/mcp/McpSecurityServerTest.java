package dev.rescue.serve.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.pipeline.ResultJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code rescue mcp} in a subprocess, driven by the MCP Java SDK's client over stdio and by raw JSON-RPC. */
class McpSecurityServerTest {
  private static List<String> command() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // C1 only, as bin/rescue runs its one-shot commands: each server here lives a few seconds, in
    // which C2's compiles cost more CPU than they save (what is tested is the protocol, not the JIT)
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx1g", "-cp", cp,
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "dev.rescue.cli.RescueCommand", "mcp"));
    return cmd;
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void sdkClientListsBothToolsAndCallsThem() throws Exception {
    List<String> cmd = command();
    ServerParameters params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    List<String> stderr = new CopyOnWriteArrayList<>();
    transport.setStdErrorHandler(stderr::add);
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
        .initializationTimeout(Duration.ofSeconds(180)).build()) {
      assertThat(client.initialize().serverInfo().name()).isEqualTo("rescue");

      List<Tool> tools = client.listTools().tools();
      assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder("security_context", "cwe_lookup", "check_code");
      assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).as(t.name() + " declares its output").isNotNull());
      Tool context = tools.stream().filter(t -> t.name().equals("security_context")).findFirst().orElseThrow();
      JsonNode schema = ResultJson.MAPPER.valueToTree(context.inputSchema());
      assertThat(schema.get("properties").has("code")).isTrue();
      assertThat(schema.get("properties").has("language")).isTrue();
      assertThat(schema.get("required").toString()).isEqualTo("[\"task\"]");

      CallToolResult r = client.callTool(new CallToolRequest("security_context", Map.of(
          "task", "Load the configuration file the user uploaded",
          "code", "import yaml\n\ndef load(path):\n    with open(path) as f:\n        return yaml.load(f)\n",
          "language", "py")));
      assertThat(r.isError()).isFalse();
      JsonNode result = ResultJson.MAPPER.valueToTree(r.structuredContent());
      assertThat(result.get("abstained").asBoolean()).isFalse();
      // the text is what the agent reads: the context itself, not the JSON with its scores
      assertThat(text(r)).isEqualTo(result.get("context").asText()).doesNotContain("\"score\"");
      assertThat(result.at("/cwes/0/cwe").asText()).isEqualTo("CWE-502");
      assertThat(result.at("/cwes/0/score").asDouble()).isPositive();
      assertThat(result.at("/cwes/0/guideline").asText()).contains("safe_load");
      assertThat(result.at("/cwes/0/provenance").isObject()).isTrue();
      assertThat(result.get("examples")).isNotEmpty();
      assertThat(result.at("/examples/0/source").isTextual()).isTrue();
      assertThat(r.structuredContent()).isInstanceOf(Map.class);

      CallToolResult lookup = client.callTool(new CallToolRequest("cwe_lookup", Map.of("cwe", "502")));
      assertThat(lookup.isError()).isFalse();
      JsonNode entry = ResultJson.MAPPER.valueToTree(lookup.structuredContent());
      assertThat(text(lookup)).startsWith("CWE-502").contains("Guideline: ").doesNotContain("{\"");
      assertThat(entry.get("cwe").asText()).isEqualTo("CWE-502");
      assertThat(entry.get("guideline").asText()).isNotBlank();
      assertThat(entry.get("cause").asText()).isNotBlank();
      assertThat(entry.get("examples")).isNotEmpty();
      assertThat(entry.at("/examples/0/secure").asText()).isNotBlank();

      CallToolResult missing = client.callTool(new CallToolRequest("cwe_lookup", Map.of("cwe", "CWE-99999")));
      assertThat(missing.isError()).isTrue();
      assertThat(text(missing)).contains("CWE-99999 is not in the knowledge base");

      CallToolResult bad = client.callTool(new CallToolRequest("security_context", Map.of("task", "x", "language", "klingon")));
      assertThat(bad.isError()).isTrue();
      assertThat(text(bad)).contains("klingon");

      CallToolResult check = client.callTool(new CallToolRequest("check_code", Map.of(
          "code", "import yaml\n\ndef load(path):\n    with open(path) as f:\n        return yaml.load(f)\n",
          "language", "py", "task", "Load the configuration file the user uploaded")));
      assertThat(check.isError()).isFalse();
      JsonNode report = ResultJson.MAPPER.valueToTree(check.structuredContent());
      assertThat(report.get("format").asText()).isEqualTo("rescue-check/1");
      JsonNode finding = null;
      for (JsonNode f : report.at("/results/0/findings")) if (f.get("cwe").asText().equals("CWE-502")) finding = f;
      assertThat(finding).as("a CWE-502 finding in " + report).isNotNull();
      assertThat(finding.get("line").asInt()).isEqualTo(5);
      assertThat(finding.at("/guidance/guideline").asText()).contains("safe_load");
      assertThat(report.at("/results/0/clean").asBoolean()).isFalse();
      assertThat(text(check)).contains("code:5:").contains("CWE-502").contains("guideline:");

      CallToolResult safe = client.callTool(new CallToolRequest("check_code", Map.of(
          "code", "import yaml\n\ndef load(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n",
          "language", "py")));
      assertThat(ResultJson.MAPPER.valueToTree(safe.structuredContent()).at("/results/0/clean").asBoolean()).isTrue();

      CallToolResult noCode = client.callTool(new CallToolRequest("check_code", Map.of("language", "py")));
      assertThat(noCode.isError()).isTrue();
      assertThat(text(noCode)).contains("code").containsIgnoringCase("required");
    }
    assertThat(String.join("\n", stderr)).contains("rescue MCP server ready");
  }

  @Test
  void serverAnswersOnlyProtocolOnStdoutAndExitsCleanlyWhenStdinCloses() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try {
      OutputStream in = p.getOutputStream();
      in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      JsonNode answer = ResultJson.MAPPER.readTree(line);
      assertThat(answer.get("id").asInt()).isEqualTo(1);
      assertThat(answer.at("/result/serverInfo/name").asText()).isEqualTo("rescue");

      in.close();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after stdin closes").isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(out.readLine()).as("nothing but protocol on stdout").isNull();
    } finally {
      p.destroyForcibly();
    }
  }
  @Test
  void badLinesGetParseErrorsServingGoesOnAndRequestsInFlightAtEndOfInputAreAnswered() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try {
      // everything at once, then end of input, as `printf ... | rescue mcp` does, and without the
      // notifications/initialized that the SDK waits for before it answers a tool call
      String lines = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}\n"
          + "{bad\n"
          + "[1, 2]\n"
          + "\"a bare string\"\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"cwe_lookup\","
          + "\"arguments\":{\"cwe\":\"502\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":\"three\",\"method\":\"tools/call\",\"params\":{\"name\":\"security_context\","
          + "\"arguments\":{\"task\":\"Load the YAML config file the user uploaded\"}}}\n";
      try (OutputStream in = p.getOutputStream()) {
        in.write(lines.getBytes(StandardCharsets.UTF_8));
      }
      List<JsonNode> answers = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) answers.add(ResultJson.MAPPER.readTree(line));
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits after stdin closes").isTrue();
      assertThat(p.exitValue()).isZero();

      List<JsonNode> parseErrors = answers.stream().filter(a -> a.at("/error/code").asInt() == -32700).toList();
      assertThat(parseErrors).hasSize(3).allSatisfy(e -> assertThat(e.get("id").isNull()).isTrue());
      JsonNode init = answers.stream().filter(a -> a.path("id").asText().equals("1")).findFirst().orElseThrow();
      assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("rescue");
      JsonNode lookup = answers.stream().filter(a -> a.path("id").asText().equals("2")).findFirst().orElseThrow();
      assertThat(lookup.at("/result/isError").asBoolean()).isFalse();
      JsonNode context = answers.stream().filter(a -> a.path("id").asText().equals("three")).findFirst().orElseThrow();
      assertThat(context.at("/result/content/0/text").asText()).contains("CWE-502");
    } finally {
      p.destroyForcibly();
    }
  }
}
