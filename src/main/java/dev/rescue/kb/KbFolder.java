package dev.rescue.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KB folder of DESIGN §4: {@code manifest.json}, {@code cwes.jsonl}, {@code examples.jsonl} and
 * the derived {@code index/}. Writing records the sha256 of each data file in the manifest; reading
 * refuses a folder whose files do not match those hashes, naming the file. The index is not written
 * here (see {@link KbIndexes}); it is derived and its staleness is judged by {@link KbFingerprint}.
 */
public final class KbFolder {
  public static final String MANIFEST = "manifest.json";
  public static final String CWES = "cwes.jsonl";
  public static final String EXAMPLES = "examples.jsonl";
  public static final String INDEX = "index";

  private KbFolder() {}

  /**
   * Writes the two data files and the manifest into {@code dir} (created when missing). The
   * manifest's counts and file hashes are computed here; everything else comes from the KB's own
   * manifest.
   *
   * @return the KB as it now reads back, with the written manifest
   */
  public static KnowledgeBase write(KnowledgeBase kb, Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] cwes = KbFingerprint.cwesBytes(kb);
      byte[] examples = KbFingerprint.examplesBytes(kb);
      Files.write(dir.resolve(CWES), cwes);
      Files.write(dir.resolve(EXAMPLES), examples);
      KbManifest m = kb.manifest();
      Map<String, String> files = new LinkedHashMap<>();
      files.put(CWES, Sha256.of(cwes));
      files.put(EXAMPLES, Sha256.of(examples));
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("cwes", kb.cwes().size());
      counts.put("examples", kb.examples().size());
      KbManifest written = new KbManifest(
          KbManifest.FORMAT_VERSION, m.created(), m.sources(), m.embedder(), m.gates(), counts, files);
      writeManifest(written, dir);
      return new KnowledgeBase(written, List.copyOf(kb.cwes()), List.copyOf(kb.examples()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the KB folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Rewrites only the manifest (e.g. calibrated gates); the data files and their hashes stay. */
  public static void writeManifest(KbManifest manifest, Path dir) {
    try {
      Files.writeString(dir.resolve(MANIFEST),
          KbJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code dir} looks like a KB folder (it has a manifest). */
  public static boolean isKbFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /**
   * Reads a KB folder, checking every file the manifest lists against its sha256.
   *
   * @throws KbFormatException naming the folder and the file when something is missing, tampered
   *     with or malformed
   */
  public static KnowledgeBase read(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new KbFormatException(dir + " is not a KB folder: it has no " + MANIFEST);
    }
    KbManifest manifest;
    try {
      manifest = KbJson.mapper().readValue(Files.readString(manifestFile), KbManifest.class);
    } catch (IOException e) {
      throw new KbFormatException(manifestFile + " is not a valid manifest: " + firstLine(e), e);
    }
    if (manifest.formatVersion() > KbManifest.FORMAT_VERSION) {
      throw new KbFormatException(manifestFile + " has format version " + manifest.formatVersion()
          + "; this rescue reads up to " + KbManifest.FORMAT_VERSION);
    }
    for (String required : List.of(CWES, EXAMPLES)) {
      if (!manifest.files().containsKey(required)) {
        throw new KbFormatException(manifestFile + " lists no sha256 for " + required);
      }
    }
    for (Map.Entry<String, String> f : manifest.files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        throw new KbFormatException("KB " + dir + ": " + f.getKey() + " is missing");
      }
      String actual = Sha256.of(file);
      if (!actual.equalsIgnoreCase(f.getValue())) {
        throw new KbFormatException("KB " + dir + ": " + f.getKey()
            + " does not match the sha256 in its manifest (expected " + f.getValue() + ", found "
            + actual + "); the file was changed after the KB was built: rebuild it with 'rescue kb build'");
      }
    }
    List<CweEntry> cwes = readLines(dir.resolve(CWES), CweEntry.class);
    List<CodeExample> examples = readLines(dir.resolve(EXAMPLES), CodeExample.class);
    try {
      return new KnowledgeBase(manifest, cwes, examples);
    } catch (IllegalArgumentException e) {
      throw new KbFormatException("KB " + dir + ": " + e.getMessage(), e);
    }
  }

  private static <T> List<T> readLines(Path file, Class<T> type) {
    ObjectMapper mapper = KbJson.mapper();
    List<T> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        try {
          out.add(mapper.readValue(line, type));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
          throw new KbFormatException(file + " line " + lineNo + ": " + firstLine(e), e);
        }
      }
    } catch (IOException e) {
      throw new KbFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) return e.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
