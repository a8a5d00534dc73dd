package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.llm.FakeChatServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a command, in a real JVM: no crash (a JVM exiting while ONNX Runtime loads the
 * model on its background thread died with SIGSEGV, exit 134), the real error last on stderr, the
 * documented exit code, and wrong paths found before the model starts loading.
 */
class CleanExitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private RescueProcess rescue() {
    return new RescueProcess(home);
  }

  private static void assertNoCrash(RescueProcess.Run run) throws Exception {
    assertThat(run.exit()).as(run.stderr()).isNotEqualTo(134);
    assertThat(run.stderr()).doesNotContain("SIGSEGV", "fatal error");
    assertThat(run.crashFiles()).isEmpty();
  }

  @Test
  void retrieveOfAnEmptyFileWritesAnEmptyOutputAndExitsZero() throws Exception {
    RescueProcess r = rescue();
    Files.writeString(r.workDir().resolve("e.jsonl"), "");
    RescueProcess.Run run = r.run("retrieve", "--input", "e.jsonl", "--output", "o");
    assertNoCrash(run);
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(r.workDir().resolve("o")).isEmptyFile();
  }

  @Test
  void retrieveOfOnlyBadLinesReportsEachByItsPhysicalLineAndExitsOne() throws Exception {
    RescueProcess r = rescue();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write("{bad\n\n[1, 2]\n".getBytes(StandardCharsets.UTF_8));
    in.write(new byte[] {'{', '"', 't', 'a', 's', 'k', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    in.write("\"just a string\"\n".getBytes(StandardCharsets.UTF_8));
    Files.write(r.workDir().resolve("bad.jsonl"), in.toByteArray());

    RescueProcess.Run run = r.run("retrieve", "--input", "bad.jsonl", "--output", "o.jsonl");

    assertNoCrash(run);
    assertThat(run.exit()).as(run.stderr()).isEqualTo(ExitCodes.INPUT_FAILED);
    List<JsonNode> out = Files.readAllLines(r.workDir().resolve("o.jsonl")).stream().map(CleanExitTest::json).toList();
    assertThat(out).extracting(n -> n.get("id").asText()).containsExactly("line 1", "line 3", "line 4", "line 5");
    assertThat(out.get(0).get("error").asText()).startsWith("bad.jsonl:1: malformed JSON");
    assertThat(out.get(1).get("error").asText()).isEqualTo("bad.jsonl:3: a task must be a JSON object");
    assertThat(out.get(2).get("error").asText()).isEqualTo("bad.jsonl:4: invalid UTF-8 at byte 10");
    assertThat(run.lastErrLine()).isEqualTo("rescue retrieve: 4 of 4 lines failed (see their 'error')");
  }

  @Test
  void generateWhoseLlmRefusesTheKeyFailsWithThatErrorLastWhileTheModelLoads() throws Exception {
    try (FakeChatServer llm = new FakeChatServer()) {
      llm.answering(chat -> FakeChatServer.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
      RescueProcess r = rescue().env(Map.of("RESCUE_LLM_BASE_URL", llm.baseUrl().toString(), "RESCUE_LLM_MODEL", "fake"));
      RescueProcess.Run run = r.run("generate", "Write a Flask endpoint that loads a YAML config uploaded by the user");
      assertNoCrash(run);
      assertThat(run.exit()).as(run.stderr()).isEqualTo(ExitCodes.INPUT_FAILED);
      assertThat(run.lastErrLine()).startsWith("rescue generate: ").contains("401");
      assertThat(llm.chats()).isNotEmpty();
    }
  }

  @Test
  void aFolderWhereAFileIsExpectedIsAUsageErrorNamingOptionAndPathBeforeAnyWork() throws Exception {
    RescueProcess r = rescue();
    Path dir = Files.createDirectories(r.workDir().resolve("adir"));
    Files.writeString(r.workDir().resolve("t.jsonl"), "{\"task\": \"Store user passwords\"}\n");
    Files.writeString(r.workDir().resolve("pairs.jsonl"), "{\"bad\n");

    RescueProcess.Run retrieve = r.run("retrieve", "--input", "t.jsonl", "--output", "adir");
    RescueProcess.Run retrieveIn = r.run("retrieve", "--input", "adir", "--output", "o.jsonl");
    RescueProcess.Run serve = r.run("serve", "--upstream", "http://127.0.0.1:9/v1", "--api-keys", dir.toString());
    RescueProcess.Run slice = r.run("slice", "--input", "pairs.jsonl", "--output", "adir");
    RescueProcess.Run context = r.run("context", "x", "--code", "adir");
    RescueProcess.Run kb = r.run("context", "x", "--kb", "t.jsonl");

    for (RescueProcess.Run run : List.of(retrieve, retrieveIn, serve, slice, context, kb)) {
      assertNoCrash(run);
      assertThat(run.exit()).as(run.stderr()).isEqualTo(ExitCodes.USAGE);
    }
    assertThat(retrieve.lastErrLine()).isEqualTo("rescue retrieve: --output: adir is a folder, expected a file");
    assertThat(retrieveIn.lastErrLine()).isEqualTo("rescue retrieve: --input: adir is a folder, expected a file");
    assertThat(serve.lastErrLine()).isEqualTo("rescue serve: --api-keys: " + dir + " is a folder, expected a file");
    assertThat(slice.lastErrLine()).isEqualTo("rescue slice: --output: adir is a folder, expected a file");
    assertThat(slice.stderr()).as("checked before slicing").doesNotContain("read pairs.jsonl");
    assertThat(context.lastErrLine()).isEqualTo("rescue context: --code: adir is a folder, expected a file");
    assertThat(kb.lastErrLine()).isEqualTo("rescue context: --kb: t.jsonl is a file, expected a folder");
  }

  @Test
  void runsLeaveNothingInTheTempFolder() throws Exception {
    RescueProcess r = rescue();
    Files.writeString(r.workDir().resolve("h.py"), "import yaml\ndef load(p):\n    return yaml.load(open(p))\n");
    for (int i = 0; i < 2; i++) {
      RescueProcess.Run run = r.run("context", "Load the config file", "--code", "h.py", "--no-llm");
      assertNoCrash(run);
      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stdout()).contains("safe_load");
    }
    try (var left = Files.list(r.tmpDir())) {
      assertThat(left).as("ONNX Runtime and tree-sitter copies in tmp").isEmpty();
    }
    try (var extracted = Files.list(home.resolve("cache").resolve("native"))) {
      assertThat(extracted.map(p -> p.getFileName().toString().replaceAll("-[0-9a-f]{16}$", "")))
          .containsExactlyInAnyOrder("onnxruntime", "tree-sitter");
    }
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }
}
