package dev.rescue.kb.safecoder;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeCoderReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SafeCoderReader reader = new SafeCoderReader();
  @TempDir Path dir;

  private static String row(String file, String cwe, String before, String after, Object lineChanges) throws Exception {
    ObjectNode o = JSON.createObjectNode();
    o.put("func_name", "f");
    o.put("func_src_before", before);
    o.put("func_src_after", after);
    o.put("file_name", file);
    o.put("vul_type", cwe);
    o.put("commit_link", "https://example.org/c/1");
    if (lineChanges instanceof String s) o.put("line_changes", s);
    else if (lineChanges != null) o.set("line_changes", JSON.valueToTree(lineChanges));
    return JSON.writeValueAsString(o);
  }

  private static Map<String, Object> change(int lineNo, String line) {
    return Map.of("line_no", lineNo, "char_start", 0, "char_end", 1, "line", line);
  }

  private SafeCoderBatch readLines(String... lines) {
    return reader.read("pairs.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRowBecomesAPairWithNormalisedCweLanguageAndGivenLineChanges() throws Exception {
    SafeCoderBatch b = readLines(row("app/views.py", "cwe-089", "def f(x):\n    run(x)\n",
        "def f(x):\n    run(q(x))\n",
        Map.of("deleted", List.of(change(2, "    run(x)\n")), "added", List.of(change(2, "    run(q(x))\n")))));
    VulnFixPair p = b.pairs().get(0);
    assertThat(p.id()).isEqualTo("pairs.jsonl:1");
    assertThat(p.cwe()).isEqualTo("CWE-89");
    assertThat(p.language()).isEqualTo(Language.PYTHON);
    assertThat(p.deletedLines()).containsExactly(2);
    assertThat(p.addedLines()).containsExactly(2);
    assertThat(p.commitLink()).isEqualTo("https://example.org/c/1");
  }

  @Test
  void lineChangesWrittenAsAPythonReprAreRead() throws Exception {
    String repr = "{'deleted': [{'line_no': 2, 'char_start': 0, 'char_end': 9, 'line': '    run(x)\\n'}], "
        + "'added': [{'line_no': 3, 'char_start': 0, 'char_end': 9, 'line': \"    run(q(x)) # it's safe\\n\"}]}";
    SafeCoderBatch b = readLines(row("a.py", "cwe-078", "def f(x):\n    run(x)", "def f(x):\n    y = 1\n    run(q(x)) # it's safe", repr));
    assertThat(b.failures()).isEmpty();
    assertThat(b.pairs().get(0).deletedLines()).containsExactly(2);
    assertThat(b.pairs().get(0).addedLines()).containsExactly(3);
  }

  @Test
  void missingLineChangesAreComputedWithALineDiff() throws Exception {
    SafeCoderBatch b = readLines(row("a.go", "CWE-22", "func f() {\n\topen(p)\n}", "func f() {\n\tcheck(p)\n\topen(p)\n}", null));
    assertThat(b.pairs().get(0).deletedLines()).isEmpty();
    assertThat(b.pairs().get(0).addedLines()).containsExactly(2);
  }

  @Test
  void lineChangesThatContradictTheCodeAreRecomputed() throws Exception {
    SafeCoderBatch b = readLines(row("a.c", "cwe-787", "int f() {\n  a();\n}", "int f() {\n  b();\n}",
        Map.of("deleted", List.of(change(9, "zzz")), "added", List.of())));
    assertThat(b.pairs().get(0).deletedLines()).containsExactly(2);
    assertThat(b.pairs().get(0).addedLines()).containsExactly(2);
  }

  @Test
  void badLinesBecomeErrorsNamingTheLineAndTheBatchGoesOn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write((row("a.py", "cwe-089", "x = 1", "x = 2", null) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"func_src_before\": \"oops\n".getBytes(StandardCharsets.UTF_8));
    bytes.write((row("a.kt", "cwe-089", "x = 1", "x = 2", null) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    bytes.write((row("a.py", "not-a-cwe", "x = 1", "x = 2", null) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write("[1, 2]\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"file_name\": \"a.py\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write((row("b.py", "cwe-079", "y = 1", "y = 2", null) + "\n").getBytes(StandardCharsets.UTF_8));
    SafeCoderBatch b = reader.read("in.jsonl", bytes.toByteArray());
    assertThat(b.results()).extracting(PairResult::id).containsExactly(
        "in.jsonl:1", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4", "in.jsonl:5", "in.jsonl:6", "in.jsonl:7", "in.jsonl:8");
    assertThat(b.pairs()).extracting(VulnFixPair::id).containsExactly("in.jsonl:1", "in.jsonl:8");
    List<PairResult.Failed> f = b.failures();
    assertThat(f.get(0).error()).startsWith("malformed JSON");
    assertThat(f.get(1).error()).contains("unknown language", "a.kt");
    assertThat(f.get(2).error()).isEqualTo("invalid UTF-8 at byte 7");
    assertThat(f.get(3).error()).contains("not-a-cwe");
    assertThat(f.get(4).error()).isEqualTo("not a JSON object");
    assertThat(f.get(5).error()).contains("missing field 'func_src_before'");
  }

  @Test
  void duplicatesAndUnchangedRowsAreDroppedAndCounted() throws Exception {
    SafeCoderBatch b = readLines(
        row("a.py", "cwe-089", "x = 1", "x = 2", null),
        row("a.py", "cwe-089", "x = 1", "x = 2", null),
        row("a.py", "cwe-079", "x = 1", "x = 2", null),
        row("a.py", "cwe-089", "same", "same", null),
        "",
        row("a.py", "cwe-089", "z", "zz", null));
    assertThat(b.pairs()).extracting(VulnFixPair::id).containsExactly("pairs.jsonl:1", "pairs.jsonl:3", "pairs.jsonl:6");
    assertThat(b.duplicatesDropped()).isEqualTo(1);
    assertThat(b.unchangedDropped()).isEqualTo(1);
    assertThat(b.summary()).contains("1 duplicates", "1 unchanged");
  }

  @Test
  void aFolderIsReadRecursivelyInSortedOrderWithIdsRelativeToIt() throws Exception {
    Files.createDirectories(dir.resolve("train"));
    Files.writeString(dir.resolve("train/b.jsonl"), row("a.py", "cwe-22", "a", "b", null) + "\n");
    Files.writeString(dir.resolve("a.jsonl"), "\n" + row("a.c", "cwe-22", "a", "c", null) + "\n");
    Files.writeString(dir.resolve("notes.txt"), "not read");
    SafeCoderBatch b = reader.read(dir);
    assertThat(b.results()).extracting(PairResult::id).containsExactly("a.jsonl:2", "train/b.jsonl:1");
    assertThat(reader.read(dir.resolve("train/b.jsonl")).results()).extracting(PairResult::id).containsExactly("b.jsonl:1");
  }

  @Test
  void aMissingInputIsRejectedNamingIt() {
    assertThatThrownBy(() -> reader.read(dir.resolve("nope.jsonl"))).hasMessageContaining("nope.jsonl");
    assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("no *.jsonl");
  }

  @Test
  void aFiveMegabyteFunctionIsReadAsAPair() throws Exception {
    String big = "x = 1\n".repeat(900_000);
    SafeCoderBatch b = readLines(row("big.py", "cwe-400", big, big + "y = 2\n", null));
    assertThat(b.pairs()).hasSize(1);
    assertThat(b.pairs().get(0).addedLines()).containsExactly(900_001);
  }

  @Test
  void theRealSvenTrainingSetReadsWithoutErrors() {
    Path sven = Path.of("../shared/data/safecoder/sven/train");
    Requires.data(sven);
    SafeCoderBatch b = reader.read(sven);
    assertThat(b.failures()).isEmpty();
    assertThat(b.unchangedDropped()).isEqualTo(4);
    assertThat(b.duplicatesDropped()).isEqualTo(1);
    assertThat(b.pairs()).hasSize(715);
    assertThat(b.pairs().get(0).id()).isEqualTo("cwe-022.jsonl:1");
  }
}
