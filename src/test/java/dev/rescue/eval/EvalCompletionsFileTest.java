package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad line of a completions file is that line's problem, named by file and line; the rest is read. */
class EvalCompletionsFileTest {
  @Test
  void invalidUtf8AndNonStringFieldsAreProblemsOfTheirLineOnly(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("{\"task_id\":\"a\",\"program\":\"print(1)\"}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"task_id\":\"b\",\"program\":\"caf".getBytes(StandardCharsets.UTF_8));
    b.write(0xC3); // a lone lead byte: invalid UTF-8
    b.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"task_id\":\"c\",\"program\":123}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"task_id\":\"d\",\"completion\":\"  return 1\\n\",\"sample\":\"two\"}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"task_id\":\"e\",\"completion\":\"  return 1\\n\"}\r\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("not json\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"task_id\":\"f\",\"program\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("c.jsonl");
    Files.write(file, b.toByteArray());

    CompletionsFile.Read read = CompletionsFile.read(file, "none");

    assertThat(read.completions()).extracting(Completion::taskId).containsExactly("a", "e", "f");
    assertThat(read.completions().get(2).program()).isEqualTo("\u00e9");
    assertThat(read.problems()).hasSize(4);
    assertThat(read.problems().get(0)).startsWith("c.jsonl:3: invalid UTF-8").contains("at byte 30 of the line");
    assertThat(read.problems().get(1)).isEqualTo("c.jsonl:4: 'program' must be a string, got number 123");
    assertThat(read.problems().get(2)).startsWith("c.jsonl:5: 'sample' must be an integer");
    assertThat(read.problems().get(3)).startsWith("c.jsonl:7: not JSON");
  }
}
