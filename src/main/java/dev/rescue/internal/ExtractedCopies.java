package dev.rescue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files shipped inside jars (native libraries, the bundled embedding model), copied once into a
 * folder of the cache named by their content ({@code <name>-<hash>}), so that a run reads them from
 * disk instead of copying or inflating them out of the jar every time. A new version of a file has
 * another hash, hence another folder.
 *
 * <p>The hash comes from each jar entry's name, size and CRC-32 (read from the jar's directory, not
 * from the content), so that a run pays for the copy once and a lookup afterwards. The copy goes to
 * a temporary folder moved into place, so that concurrent runs and a run killed mid-copy never see a
 * half-written file; a file whose size is not its entry's is taken as damaged and copied again. Any
 * failure (a read-only cache, a full disk) is an empty result: the caller then reads from the jar as
 * it would without this class.
 */
public final class ExtractedCopies {
  private ExtractedCopies() {}

  /** One file: where it is on the class path, and where it goes in the extracted folder. */
  public record Entry(String resource, String target) {}

  /** The folder {@code folder/<name>-<hash>} holding {@code entries}, copying them first when needed; empty when one is missing or on failure. */
  public static Optional<Path> of(ClassLoader loader, Path folder, String name, List<Entry> entries) {
    try {
      List<URL> urls = new ArrayList<>();
      for (Entry e : entries) {
        URL u = loader.getResource(e.resource());
        if (u == null) return Optional.empty();
        urls.add(u);
      }
      List<Long> sizes = new ArrayList<>();
      Path target = folder.resolve(name + "-" + hash(entries, urls, sizes));
      if (!complete(target, entries, sizes)) copy(folder, target, entries, urls, sizes);
      return Optional.of(target.toAbsolutePath());
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static boolean complete(Path target, List<Entry> entries, List<Long> sizes) throws IOException {
    for (int i = 0; i < entries.size(); i++) {
      Path f = target.resolve(entries.get(i).target());
      if (!Files.isRegularFile(f)) return false;
      if (sizes.get(i) >= 0 && Files.size(f) != sizes.get(i)) return false;
    }
    return true;
  }

  private static void copy(Path folder, Path target, List<Entry> entries, List<URL> urls, List<Long> sizes) throws IOException {
    Files.createDirectories(folder);
    Path tmp = Files.createTempDirectory(folder, ".extracting-");
    try {
      for (int i = 0; i < entries.size(); i++) {
        Path file = tmp.resolve(entries.get(i).target());
        Files.createDirectories(file.getParent());
        try (InputStream in = urls.get(i).openStream()) {
          Files.copy(in, file);
        }
      }
      if (Files.exists(target)) deleteTree(target); // damaged: a file missing or of the wrong size
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
        // another run put the same content there first (or the file system cannot swap folders): use theirs
        if (!complete(target, entries, sizes)) throw raced;
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * 16 hex digits over each entry's name, size and CRC (or content, outside a jar); fills {@code
   * sizes} with each entry's size (-1 when unknown).
   */
  private static String hash(List<Entry> entries, List<URL> urls, List<Long> sizes) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < entries.size(); i++) {
      sha.update(entries.get(i).resource().getBytes(StandardCharsets.UTF_8));
      URLConnection c = urls.get(i).openConnection();
      if (c instanceof JarURLConnection jar && jar.getJarEntry().getCrc() != -1) {
        c.setUseCaches(true);
        sha.update((jar.getJarEntry().getSize() + ":" + jar.getJarEntry().getCrc()).getBytes(StandardCharsets.UTF_8));
        sizes.add(jar.getJarEntry().getSize());
      } else {
        byte[] content;
        try (InputStream in = c.getInputStream()) {
          content = in.readAllBytes();
        }
        sha.update(content);
        sizes.add((long) content.length);
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
