package dev.rescue.kb;

import dev.rescue.embed.Embedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.LuceneKnowledgeIndex;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * Where a KB's Lucene index lives and when it is rebuilt. An index is current when the fingerprint
 * it was built with equals {@link KbFingerprint#ofIndex} of the KB and the embedder at hand. A KB
 * folder's own index is used only when its manifest covers it ({@link KbFolder} checked its hashes)
 * and it is current; otherwise the KB is indexed into the cache, never into the KB folder, which
 * stays exactly as built. So a KB edited, rebuilt or queried with another embedder never answers
 * from an old or altered index.
 */
public final class KbIndexes {
  private KbIndexes() {}

  /** Builds {@code dir/index/} for {@code kb}, replacing any index there. */
  public static void writeFolderIndex(KnowledgeBase kb, Embedder embedder, Path kbDir) {
    try (Directory dir = FSDirectory.open(kbDir.resolve(KbFolder.INDEX))) {
      LuceneKnowledgeIndex.build(kb, embedder, dir, KbFingerprint.ofIndex(kb, embedder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the index of " + kbDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the {@code index/} of a KB folder when its manifest covers it and it fits the embedder;
   * else the index of the KB in the cache ({@link #cached}).
   *
   * @param log receives one line when the folder's index cannot be used, saying why
   */
  public static KnowledgeIndex openFolder(KnowledgeBase kb, Path kbDir, Embedder embedder, Path cacheRoot,
      Consumer<String> log) {
    String expected = KbFingerprint.ofIndex(kb, embedder);
    Path indexDir = kbDir.resolve(KbFolder.INDEX);
    if (!kb.manifest().coversIndex() || !Files.isDirectory(indexDir)) {
      log.accept("the manifest of " + kbDir + " lists no index (written without one, or by an older rescue): "
          + "its index comes from the cache");
      return cached(kb, embedder, cacheRoot, log);
    }
    Directory dir = null;
    try {
      dir = FSDirectory.open(indexDir);
      Optional<String> found = LuceneKnowledgeIndex.fingerprint(dir);
      if (found.isPresent() && found.get().equals(expected)) return owning(LuceneKnowledgeIndex.open(dir, embedder), dir);
      dir.close();
      log.accept("the index of " + kbDir + " was built for " + kb.manifest().embedder().id() + ", not for "
          + embedder.id() + ": its index for " + embedder.id() + " comes from the cache");
      return cached(kb, embedder, cacheRoot, log);
    } catch (IOException e) {
      closeQuietly(dir);
      throw new UncheckedIOException("cannot open the index of " + kbDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(dir);
      throw e;
    }
  }

  /** An index of {@code kb} built in memory. */
  public static KnowledgeIndex inMemory(KnowledgeBase kb, Embedder embedder) {
    Directory dir = new ByteBuffersDirectory();
    LuceneKnowledgeIndex.build(kb, embedder, dir, KbFingerprint.ofIndex(kb, embedder));
    return owning(LuceneKnowledgeIndex.open(dir, embedder), dir);
  }

  /**
   * An index copied from {@code files} (a shipped, read-only index, e.g. inside the jar) into memory,
   * or from the cache ({@link #cached}) when it is absent or made with another embedder.
   */
  public static KnowledgeIndex copyIntoMemory(KnowledgeBase kb, Path indexFiles, Embedder embedder, Path cacheRoot,
      Consumer<String> log) {
    String expected = KbFingerprint.ofIndex(kb, embedder);
    Directory dir = new ByteBuffersDirectory();
    try {
      if (Files.isDirectory(indexFiles)) {
        try (var files = Files.list(indexFiles)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            if (f.getFileName().toString().equals("write.lock")) continue; // a lock, not index data
            try (var out = dir.createOutput(f.getFileName().toString(), IOContext.DEFAULT)) {
              byte[] bytes = Files.readAllBytes(f);
              out.writeBytes(bytes, bytes.length);
            }
          }
        }
      }
      Optional<String> found = LuceneKnowledgeIndex.fingerprint(dir);
      if (found.isPresent() && found.get().equals(expected)) return owning(LuceneKnowledgeIndex.open(dir, embedder), dir);
      // another embedder than the shipped index's: its index comes from the cache, embedded once
      log.accept("the shipped index " + indexFiles + " is " + (found.isEmpty() ? "missing" : "for another embedder")
          + ": its index for " + embedder.id() + " comes from the cache");
      dir.close();
      return cached(kb, embedder, cacheRoot, log);
    } catch (IOException e) {
      closeQuietly(dir);
      throw new UncheckedIOException("cannot read the index " + indexFiles + ": " + e.getMessage(), e);
    }
  }

  /**
   * The index of a KB without a usable folder index (a merge, a KB queried with another embedder),
   * cached on disk under {@code cacheRoot/<fingerprint>} so that the next run with the same KB and
   * embedder skips the embedding; in memory when the cache cannot be written. An entry is built in a
   * temporary sibling and renamed into place whole, with the hashes of its files last
   * ({@link CachedIndex}); an entry that does not match them is built again.
   */
  public static KnowledgeIndex cached(KnowledgeBase kb, Embedder embedder, Path cacheRoot, Consumer<String> log) {
    String expected = KbFingerprint.ofIndex(kb, embedder);
    Path folder = cacheRoot.resolve(expected);
    Directory dir = null;
    try {
      if (!CachedIndex.isWhole(folder, expected)) {
        log.accept("indexing the KB (" + kb.cwes().size() + " CWEs, " + kb.examples().size() + " examples) with "
            + embedder.id() + " into the cache " + folder);
        CachedIndex.build(folder, staging -> {
          try (Directory d = FSDirectory.open(staging)) {
            LuceneKnowledgeIndex.build(kb, embedder, d, expected);
          }
        });
      }
      dir = FSDirectory.open(folder);
      return owning(LuceneKnowledgeIndex.open(dir, embedder), dir);
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(dir);
      log.accept("cannot use the index cache " + folder + " (" + e.getMessage() + "): indexing in memory");
      return inMemory(kb, embedder);
    }
  }

  private static void closeQuietly(Directory dir) {
    if (dir == null) return;
    try {
      dir.close();
    } catch (IOException ignored) {
      // already failing: the first error is the one to report
    }
  }

  /** The index, closing its directory with it. */
  private static KnowledgeIndex owning(KnowledgeIndex index, Directory dir) {
    return new KnowledgeIndex() {
      @Override
      public List<Hit> cwesByCause(float[] query, int n) {
        return index.cwesByCause(query, n);
      }

      @Override
      public List<Hit> cwesByApis(List<String> apiCalls, int n) {
        return index.cwesByApis(apiCalls, n);
      }

      @Override
      public List<Hit> examplesByCause(float[] query, Set<String> cwes, Language language, int n) {
        return index.examplesByCause(query, cwes, language, n);
      }

      @Override
      public List<Hit> examplesByApis(List<String> apiCalls, Set<String> cwes, Language language, int n) {
        return index.examplesByApis(apiCalls, cwes, language, n);
      }

      @Override
      public List<Hit> examplesByCode(float[] codeVector, Set<String> cwes, Language language, int n) {
        return index.examplesByCode(codeVector, cwes, language, n);
      }

      @Override
      public void close() {
        try {
          index.close();
        } finally {
          closeQuietly(dir);
        }
      }
    };
  }
}
