package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the harness's code inside a sandboxed run (the pytest plugin) hands records back, so that no
 * file a sample can write is taken for a verdict. The sandbox's first process, still privileged,
 * opens two descriptors for the command and then removes the key file:
 * <ul>
 *   <li>fd {@value #RECORD_FD}: append-only to a log in the harness's private folder, a path the
 *       sample cannot open (outside its view, and owned by another user where the harness is root);</li>
 *   <li>fd {@value #KEY_FD}: a fresh random key for this run only.</li>
 * </ul>
 * The plugin reads the key and closes its descriptor before pytest collects (imports) the sample,
 * marks the log descriptor not inheritable (so C and Go programs the tests start never hold it) and
 * writes each record as one line {@code SEQ MAC JSON}, the MAC being HMAC-SHA256 over the sequence
 * number, the previous line's MAC and the JSON: a line cannot be forged, dropped, reordered or replayed
 * from another run without the key. Only the fd numbers are in the environment.
 *
 * <p>What this stops: writing a report file (there is none), writing the log from a child process
 * (no descriptor, no path in view, another owner), a forged or replayed line (no key), and ending
 * the test process early to skip the failures ({@link PytestSession} wants a finished record that
 * agrees with pytest's exit status). What it cannot stop: a Python sample is imported into the pytest
 * process itself, so code at its top level can reach the plugin's closure (through {@code gc} or
 * frame introspection), take the key and the descriptor, and write well-formed records, or patch
 * pytest's reporting so failures look like passes. The plugin raises the bar (key read and its
 * descriptor closed before collection, held in a closure rather than a global, the process made
 * non-dumpable so its children cannot read its memory), but a verdict on a Python sample that
 * deliberately attacks the harness from inside its own process is only as good as pytest's own.
 * Running the sample out of process would close that, at the cost of rewriting CWEval's tests.
 */
public final class ReportChannel implements AutoCloseable {
  static final int RECORD_FD = 3;
  static final int KEY_FD = 4;
  /** Largest log read: the plugin caps its messages, so more is a sample writing garbage. */
  private static final long MAX_BYTES = 8L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path log;
  private final Path keyFile;
  private final byte[] key;

  private ReportChannel(Path log, Path keyFile, byte[] key) {
    this.log = log;
    this.keyFile = keyFile;
    this.key = key;
  }

  /** A new channel whose files live in {@code privateDir}, a folder only the harness can enter. */
  static ReportChannel open(Path privateDir) {
    try {
      byte[] raw = new byte[32];
      RANDOM.nextBytes(raw);
      byte[] key = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
      var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      Path log = Files.createTempFile(privateDir, "channel", ".log", mode);
      Path keyFile = Files.createTempFile(privateDir, "channel", ".key", mode);
      Files.write(keyFile, key);
      return new ReportChannel(log, keyFile, key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a report channel in " + privateDir + ": " + e.getMessage(), e);
    }
  }

  Path log() {
    return log;
  }

  Path keyFile() {
    return keyFile;
  }

  /**
   * The records, in order, up to the first line that fails its check.
   *
   * @param records the JSON of each authentic line
   * @param forgery why the line after them was rejected, or null when every line checked out
   * @param failure why the harness could not read the log at all (its fault, not the sample's), or null
   */
  public record Reading(List<JsonNode> records, String forgery, String failure) {
    Reading(List<JsonNode> records, String forgery) {
      this(records, forgery, null);
    }
  }

  /** Reads and checks what the run wrote. */
  public Reading read() {
    List<JsonNode> out = new ArrayList<>();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(log)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException e) {
      return new Reading(out, null, "report log unreadable: " + e);
    }
    if (bytes.length > MAX_BYTES) return new Reading(out, "report log larger than " + MAX_BYTES + " bytes");
    String text = new String(bytes, StandardCharsets.UTF_8);
    String previous = "";
    int seq = 0;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) continue;
      String[] parts = line.split(" ", 3);
      if (parts.length != 3 || !parts[0].equals(Integer.toString(seq))) {
        return new Reading(out, "record " + seq + " malformed or out of order: " + clip(line));
      }
      String expected = mac(seq, previous, parts[2]);
      if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[1].getBytes(StandardCharsets.US_ASCII))) {
        return new Reading(out, "record " + seq + " has a wrong MAC (not written by the harness plugin): " + clip(parts[2]));
      }
      try {
        out.add(JSON.readTree(parts[2]));
      } catch (IOException e) {
        return new Reading(out, "record " + seq + " is not JSON: " + e.getMessage());
      }
      previous = parts[1];
      seq++;
    }
    return new Reading(out, null);
  }

  /** The MAC of one record, as the plugin computes it. */
  String mac(int seq, String previous, String json) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(m.doFinal((seq + "\n" + previous + "\n" + json).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
    }
  }

  private static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  @Override
  public void close() {
    Sandbox.deleteQuietly(log);
    Sandbox.deleteQuietly(keyFile);
  }
}
