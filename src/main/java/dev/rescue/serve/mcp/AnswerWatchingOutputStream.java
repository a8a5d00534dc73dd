package dev.rescue.serve.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The protocol's stdout, watched line by line for the answers to the client's requests (see
 * {@link RequestsInFlight}). The SDK's transport writes each message and its newline while holding
 * this stream's monitor; {@link JsonRpcLineGate} writes its errors under the same monitor, so lines
 * never interleave.
 */
final class AnswerWatchingOutputStream extends FilterOutputStream {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RequestsInFlight inFlight;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  AnswerWatchingOutputStream(OutputStream out, RequestsInFlight inFlight) {
    super(out);
    this.inFlight = inFlight;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    out.write(b);
    watch(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    for (int i = off; i < off + len; i++) watch(b[i]);
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  private void watch(int b) {
    if (b != '\n') {
      line.write(b);
      return;
    }
    try {
      JsonNode m = JSON.readTree(line.toByteArray());
      if (m != null && m.isObject() && !m.has("method") && m.hasNonNull("id") && (m.has("result") || m.has("error"))) {
        inFlight.answered(m.get("id"));
      }
    } catch (IOException notJson) {
      // not ours to judge: the line went out as written
    } finally {
      line.reset();
    }
  }
}
