package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SliceCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static String pair(String file, String before, String after) throws Exception {
    return JSON.writeValueAsString(JSON.createObjectNode()
        .put("func_name", "f").put("func_src_before", before).put("func_src_after", after)
        .put("file_name", file).put("vul_type", "cwe-078").put("commit_link", "https://example.org/c"));
  }

  private List<JsonNode> readOutput(Path file) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) rows.add(JSON.readTree(line));
    return rows;
  }

  @Test
  void slicesEveryPairInInputOrderAndExitsZero() throws Exception {
    Path in = dir.resolve("pairs.jsonl");
    Files.writeString(in, pair("a.py", "def f(c):\n    x = 1\n    os.system(c)", "def f(c):\n    x = 1\n    subprocess.run([c])") + "\n"
        + pair("b.rb", "def f\n  a\nend", "def f\n  b\nend") + "\n");
    Path outFile = dir.resolve("out/slices.jsonl");
    assertThat(run("slice", "--input", in.toString(), "--output", outFile.toString())).isEqualTo(ExitCodes.OK);
    List<JsonNode> rows = readOutput(outFile);
    assertThat(rows).hasSize(2);
    JsonNode py = rows.get(0);
    assertThat(py.get("id").asText()).isEqualTo("pairs.jsonl:1");
    assertThat(py.get("cwe").asText()).isEqualTo("CWE-78");
    assertThat(py.get("language").asText()).isEqualTo("py");
    assertThat(py.get("vulnerable").asText()).isEqualTo("def f(c):\n    # ...\n    os.system(c)");
    assertThat(py.get("secure").asText()).isEqualTo("def f(c):\n    # ...\n    subprocess.run([c])");
    assertThat(py.get("poi").get("vulnerable").get(0).asInt()).isEqualTo(3);
    assertThat(py.get("poi").get("secure").get(0).asInt()).isEqualTo(3);
    assertThat(py.get("tokens").get("secure").asInt()).isPositive().isLessThan(py.get("tokens").get("after").asInt());
    assertThat(py.get("parse_ok").get("vulnerable").asBoolean()).isTrue();
    assertThat(py.get("fallback").asBoolean()).isFalse();
    JsonNode rb = rows.get(1);
    assertThat(rb.get("id").asText()).isEqualTo("pairs.jsonl:2");
    assertThat(rb.get("language").asText()).isEqualTo("rb");
    assertThat(rb.get("fallback").asBoolean()).isTrue();
    assertThat(rb.get("fallback_reason").asText()).isEqualTo("no-front-end");
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("2 pairs");
  }

  @Test
  void aBadLineGivesAnErrorLineTheRestIsSlicedAndTheExitCodeIsOne() throws Exception {
    Path in = dir.resolve("mixed.jsonl");
    Files.writeString(in, "{not json\n"
        + pair("x.kt", "a", "b") + "\n"
        + pair("ok.go", "func f() {\n\ta()\n}", "func f() {\n\tb()\n}") + "\n");
    Path outFile = dir.resolve("slices.jsonl");
    assertThat(run("slice", "--input", in.toString(), "--output", outFile.toString(), "--hops", "1"))
        .isEqualTo(ExitCodes.INPUT_FAILED);
    List<JsonNode> rows = readOutput(outFile);
    assertThat(rows).extracting(r -> r.get("id").asText()).containsExactly("mixed.jsonl:1", "mixed.jsonl:2", "mixed.jsonl:3");
    assertThat(rows.get(0).get("error").asText()).contains("malformed JSON");
    assertThat(rows.get(1).get("error").asText()).contains("unknown language", "x.kt");
    assertThat(rows.get(2).get("secure").asText()).contains("b()");
    assertThat(err.toString()).contains("mixed.jsonl:1", "2 error lines");
  }

  @Test
  void aMissingInputIsAUsageError() {
    assertThat(run("slice", "--input", dir.resolve("none.jsonl").toString(), "--output", dir.resolve("o").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("none.jsonl");
  }

  @Test
  void negativeHopsAreAUsageError() {
    assertThat(run("slice", "--input", "x", "--output", "y", "--hops", "-1")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--hops");
  }

  @Test
  void theExamplePairsOfTheReadmeSliceCleanly() throws Exception {
    Path outFile = dir.resolve("examples.jsonl");
    assertThat(run("slice", "--input", "examples/pairs.jsonl", "--output", outFile.toString())).isEqualTo(ExitCodes.OK);
    List<JsonNode> rows = readOutput(outFile);
    assertThat(rows).hasSizeBetween(3, 4);
    for (JsonNode r : rows) {
      assertThat(r.get("fallback").asBoolean()).as(r.get("id").asText()).isFalse();
      assertThat(r.get("tokens").get("secure").asInt()).isLessThan(r.get("tokens").get("after").asInt());
    }
  }
}
