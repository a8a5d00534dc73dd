package dev.rescue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for reading JSONL input (retrieve, slice, kb build): every physical line counts
 * ({@code \n} ends a line, a trailing {@code \r} is dropped), so "line N" is the line an editor
 * shows; each line is decoded on its own, and a line that is not valid UTF-8 is an error for that
 * line alone (its {@link JsonlLine#location()} names file and line), never silently replaced: the other lines are read as usual.
 * Parsing the JSON is the caller's, as what a line must hold differs.
 */
public final class JsonlReader {
  private JsonlReader() {}

  /** The lines of {@code file}, named by {@code source} (e.g. its path relative to a folder given). */
  public static List<JsonlLine> read(Path file, String source) {
    try {
      return lines(source, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of a stream read to its end (standard input). */
  public static List<JsonlLine> read(InputStream in, String source) throws IOException {
    return lines(source, in.readAllBytes());
  }

  /** The lines of content already in memory. */
  public static List<JsonlLine> lines(String source, byte[] bytes) {
    List<JsonlLine> out = new ArrayList<>();
    int number = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') end++;
      number++;
      int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      out.add(decode(source, number, bytes, start, stop));
      start = end + 1;
    }
    return out;
  }

  private static JsonlLine decode(String source, int number, byte[] bytes, int start, int end) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, start, end - start);
    try {
      return new JsonlLine(source, number, utf8.decode(buffer).toString(), null);
    } catch (CharacterCodingException e) {
      // the decoder stops at the bad bytes: their column helps find them in an editor
      String where = e instanceof MalformedInputException ? " at byte " + (buffer.position() - start + 1) : "";
      return new JsonlLine(source, number, null, "invalid UTF-8" + where);
    }
  }
}
