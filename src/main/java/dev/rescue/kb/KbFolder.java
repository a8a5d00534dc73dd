package dev.rescue.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStores;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The KB folder of DESIGN §4: {@code manifest.json}, {@code cwes.jsonl}, {@code examples.jsonl} and
 * {@code index/}. Writing records the sha256 of each file in the manifest, the index's files too
 * ({@code index/_0.cfs}, ...), and writes the manifest last; reading checks the manifest against
 * {@link ManifestSchema} and every file against its hash, and refuses a file in {@code index/} the
 * manifest does not list, naming the file: a KB is used whole or refused. Why hash the index, and
 * not rebuild it when it looks changed: it is what retrieval reads, a flipped byte in a stored vector
 * changes answers without any error, and a KB folder is often read-only or shared; hashing the
 * bundled KB's 1.2 MB index costs a few milliseconds a load. A folder whose manifest lists no index
 * (written by {@link #write(KnowledgeBase, Path)} or an older rescue) keeps its data checked, and its
 * index is treated as absent (see {@link KbIndexes#openFolder}).
 */
public final class KbFolder {
  public static final String MANIFEST = "manifest.json";
  public static final String CWES = "cwes.jsonl";
  public static final String EXAMPLES = "examples.jsonl";
  public static final String INDEX = "index";
  /** Index files are listed in the manifest under this prefix, e.g. {@code index/_0.cfs}. */
  static final String INDEX_PREFIX = INDEX + "/";
  /** Lucene's lock file: empty, not index data. */
  private static final String LOCK = "write.lock";

  private KbFolder() {}

  /**
   * Writes the two data files and the manifest into {@code dir} (created when missing), without an
   * index. The manifest's counts and file hashes are computed here; everything else comes from the
   * KB's own manifest.
   *
   * @return the KB as it now reads back, with the written manifest
   */
  public static KnowledgeBase write(KnowledgeBase kb, Path dir) {
    return write(kb, dir, null, null);
  }

  /**
   * Writes the data files, the index made with {@code embedder} into the store {@code stores} keeps
   * in {@code dir/index/} (no index when the embedder is null), and last the manifest with the hashes
   * of all of them: a folder with a manifest is whole.
   */
  public static KnowledgeBase write(KnowledgeBase kb, Path dir, IndexStores stores, Embedder embedder) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(MANIFEST)); // until the new one is written, the folder is not a KB
      byte[] cwes = KbFingerprint.cwesBytes(kb);
      byte[] examples = KbFingerprint.examplesBytes(kb);
      Files.write(dir.resolve(CWES), cwes);
      Files.write(dir.resolve(EXAMPLES), examples);
      Map<String, String> files = new TreeMap<>();
      files.put(CWES, Sha256.of(cwes));
      files.put(EXAMPLES, Sha256.of(examples));
      if (embedder != null) {
        KbIndexes.write(kb, embedder, stores.folder(dir.resolve(INDEX)));
        Files.deleteIfExists(dir.resolve(INDEX).resolve(LOCK));
        files.putAll(indexHashes(dir));
      }
      KbManifest m = kb.manifest();
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("cwes", kb.cwes().size());
      counts.put("examples", kb.examples().size());
      KbManifest written = new KbManifest(
          KbManifest.FORMAT_VERSION, m.created(), m.sources(), m.embedder(), m.gates(), counts, files, m.fusion());
      writeManifest(written, dir);
      return new KnowledgeBase(written, List.copyOf(kb.cwes()), List.copyOf(kb.examples()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the KB folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** sha256 of every file of {@code dir/index/} but the lock, keyed {@code index/NAME}. */
  static Map<String, String> indexHashes(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path f : indexFiles(dir.resolve(INDEX))) out.put(INDEX_PREFIX + f.getFileName(), Sha256.of(f));
    return out;
  }

  private static List<Path> indexFiles(Path indexDir) throws IOException {
    if (!Files.isDirectory(indexDir)) return List.of();
    try (Stream<Path> s = Files.list(indexDir)) {
      return s.filter(f -> !f.getFileName().toString().equals(LOCK)).sorted().toList();
    }
  }

  /**
   * Rewrites only the manifest (e.g. calibrated gates); the data files and their hashes stay. The new
   * manifest replaces the old in one rename, so a crash leaves the old one or the new one, never half.
   */
  public static void writeManifest(KbManifest manifest, Path dir) {
    Path target = dir.resolve(MANIFEST);
    Path tmp = dir.resolve(MANIFEST + ".tmp");
    try {
      Files.writeString(tmp, KbJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
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
    KbManifest manifest = readManifest(manifestFile);
    for (String required : List.of(CWES, EXAMPLES)) {
      if (!manifest.files().containsKey(required)) {
        throw new KbFormatException(manifestFile + " lists no sha256 for " + required);
      }
    }
    for (Map.Entry<String, String> f : new TreeMap<>(manifest.files()).entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!file.normalize().startsWith(dir.normalize()) || f.getKey().contains("..")) {
        throw new KbFormatException(manifestFile + " lists '" + f.getKey() + "', which is not a file of the KB folder");
      }
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
    if (manifest.coversIndex()) {
      try {
        for (Path f : indexFiles(dir.resolve(INDEX))) {
          String key = INDEX_PREFIX + f.getFileName();
          if (!manifest.files().containsKey(key)) {
            throw new KbFormatException("KB " + dir + ": " + key + " is not listed in its manifest; the index was "
                + "changed after the KB was built: rebuild it with 'rescue kb build'");
          }
        }
      } catch (IOException e) {
        throw new KbFormatException("cannot list " + dir.resolve(INDEX) + ": " + e.getMessage(), e);
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

  private static KbManifest readManifest(Path manifestFile) {
    JsonNode tree;
    try {
      tree = KbJson.mapper().readTree(Files.readString(manifestFile));
    } catch (IOException e) {
      throw new KbFormatException(manifestFile + " is not valid JSON: " + firstLine(e), e);
    }
    if (tree == null) throw new KbFormatException(manifestFile + " is empty");
    // the version first: a newer rescue's manifest may have keys this schema does not know
    JsonNode version = tree.path("format_version");
    if (version.isIntegralNumber() && version.asInt() > KbManifest.FORMAT_VERSION) {
      throw new KbFormatException(manifestFile + " has format version " + version.asInt()
          + "; this rescue reads up to " + KbManifest.FORMAT_VERSION);
    }
    String violation = ManifestSchema.violation(tree);
    if (violation != null) throw new KbFormatException(manifestFile + ": " + violation);
    try {
      return KbJson.mapper().treeToValue(tree, KbManifest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new KbFormatException(manifestFile + " is not a valid manifest: " + firstLine(e), e);
    }
  }

  private static <T> List<T> readLines(Path file, Class<T> type) {
    // strict, like the manifest: a renamed or dropped field is an error naming the line, not a default
    ObjectReader mapper = KbJson.mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    List<T> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        try {
          out.add(mapper.readValue(line));
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
