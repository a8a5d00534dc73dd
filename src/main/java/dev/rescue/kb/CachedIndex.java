package dev.rescue.kb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One entry of the index cache ({@code <cache>/index/<fingerprint>/}): the Lucene files and, written
 * last, {@code files.sha256} with the hash of each. An entry is whole when every file it lists is
 * there with its hash and no other file is; anything else (a build killed half-way, a changed file)
 * is built again, since the cache is derived data.
 */
final class CachedIndex {
  static final String HASHES = "files.sha256";
  private static final String LOCK = "write.lock";

  private CachedIndex() {}

  /** Writes the index files into the folder it is given. */
  interface Writer {
    void write(Path folder) throws IOException;
  }

  static boolean isWhole(Path folder, String fingerprint) {
    Path hashes = folder.resolve(HASHES);
    if (!Files.isRegularFile(hashes)) return false;
    try {
      Map<String, String> listed = new LinkedHashMap<>();
      for (String line : Files.readAllLines(hashes, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        int sp = line.indexOf("  ");
        if (sp < 0) return false;
        listed.put(line.substring(sp + 2), line.substring(0, sp));
      }
      if (!fingerprint.equals(listed.remove("fingerprint"))) return false;
      List<Path> present = files(folder);
      if (present.size() != listed.size()) return false;
      for (Path f : present) {
        String want = listed.get(f.getFileName().toString());
        if (want == null || !want.equals(Sha256.of(f))) return false;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Builds the entry in a staging sibling and renames it into place (replacing a broken one). */
  static void build(Path folder, Writer writer) throws IOException {
    String fingerprint = folder.getFileName().toString();
    try (StagedFolder staged = StagedFolder.begin(folder)) {
      writer.write(staged.path());
      Files.deleteIfExists(staged.path().resolve(LOCK));
      StringBuilder sb = new StringBuilder(fingerprint + "  fingerprint\n");
      for (Path f : files(staged.path())) sb.append(Sha256.of(f)).append("  ").append(f.getFileName()).append('\n');
      Files.writeString(staged.path().resolve(HASHES), sb.toString());
      if (!staged.commit() && !isWhole(folder, fingerprint)) {
        throw new IOException(folder + " appeared while it was being built, and is not whole");
      }
    }
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(f -> {
        String n = f.getFileName().toString();
        return !n.equals(HASHES) && !n.equals(LOCK);
      }).sorted().toList();
    }
  }
}
