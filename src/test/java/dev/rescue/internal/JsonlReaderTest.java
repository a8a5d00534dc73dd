package dev.rescue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlReaderTest {
  @Test
  void everyPhysicalLineCountsAndInvalidUtf8FailsOnlyItsLine() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"a\":1}\r\n\n   \n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'});
    b.write("{\"é\":2}".getBytes(StandardCharsets.UTF_8));

    List<JsonlLine> lines = JsonlReader.lines("in.jsonl", b.toByteArray());

    assertThat(lines).extracting(JsonlLine::number).containsExactly(1, 2, 3, 4, 5);
    assertThat(lines.get(0).text()).isEqualTo("{\"a\":1}");
    assertThat(lines.get(1).blank()).isTrue();
    assertThat(lines.get(2).blank()).isTrue();
    assertThat(lines.get(3).failed()).isTrue();
    assertThat(lines.get(3).error()).isEqualTo("invalid UTF-8 at byte 7");
    assertThat(lines.get(3).location()).isEqualTo("in.jsonl:4");
    assertThat(lines.get(4).text()).isEqualTo("{\"é\":2}");
  }
}
