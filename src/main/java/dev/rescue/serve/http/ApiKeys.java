package dev.rescue.serve.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer keys clients may use, read from a file: one key a line, blank lines and lines starting
 * with {@code #} ignored. Keys are compared in constant time and never logged.
 */
final class ApiKeys {
  private final List<byte[]> keys;

  private ApiKeys(List<byte[]> keys) {
    this.keys = keys;
  }

  static ApiKeys read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--api-keys " + file + ": cannot read (" + e.getMessage() + ")");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String line : lines) {
      String k = line.strip();
      if (k.isEmpty() || k.startsWith("#")) continue;
      keys.add(k.getBytes(StandardCharsets.UTF_8));
    }
    if (keys.isEmpty()) throw new IllegalArgumentException("--api-keys " + file + ": no keys in the file");
    return new ApiKeys(keys);
  }

  int size() {
    return keys.size();
  }

  /** Whether an {@code Authorization} header value carries one of the keys. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] k : keys) ok |= MessageDigest.isEqual(k, given); // no early exit: constant time over the list
    return ok;
  }
}
