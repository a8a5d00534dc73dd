package dev.rescue.index.lucene;

import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStore;
import dev.rescue.index.IndexStores;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * Lucene's {@link IndexStores}: the stores own their {@link Directory} objects. A folder store opens
 * the folder for each call and hands the open directory to the index it opens, which closes it; a
 * memory store keeps one {@link ByteBuffersDirectory}.
 */
public final class LuceneIndexStores implements IndexStores {
  /** Lucene's lock file: empty, not index data, and never copied. */
  private static final String LOCK = "write.lock";

  @Override
  public IndexStore folder(Path dir) {
    return new FolderStore(Objects.requireNonNull(dir, "dir"));
  }

  @Override
  public IndexStore copyOf(Path files) {
    return new MemoryStore(Objects.requireNonNull(files, "files"));
  }

  @Override
  public IndexStore memory() {
    return new MemoryStore(null);
  }

  private record FolderStore(Path dir) implements IndexStore {
    @Override
    public String name() {
      return dir.toString();
    }

    @Override
    public Optional<String> fingerprint() {
      if (!Files.isDirectory(dir)) return Optional.empty(); // FSDirectory.open would create it
      try (Directory d = FSDirectory.open(dir)) {
        return LuceneKnowledgeIndex.fingerprint(d);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the index in " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    public KnowledgeIndex open(Embedder embedder) {
      try {
        return LuceneKnowledgeIndex.openOwning(FSDirectory.open(dir), embedder);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the index in " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void write(KbLayers layers, Embedder embedder, String fingerprint) {
      try (Directory d = FSDirectory.open(dir)) {
        LuceneKnowledgeIndex.build(layers, embedder, d, fingerprint);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the index in " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** In memory, filled from {@code files} (when given) on first use. */
  private static final class MemoryStore implements IndexStore {
    private final Path files;
    private Directory dir;

    MemoryStore(Path files) {
      this.files = files;
    }

    @Override
    public String name() {
      return files == null ? "memory" : files.toString();
    }

    @Override
    public synchronized Optional<String> fingerprint() {
      return LuceneKnowledgeIndex.fingerprint(directory());
    }

    @Override
    public synchronized KnowledgeIndex open(Embedder embedder) {
      return LuceneKnowledgeIndex.openOwning(directory(), embedder);
    }

    @Override
    public synchronized void write(KbLayers layers, Embedder embedder, String fingerprint) {
      LuceneKnowledgeIndex.build(layers, embedder, directory(), fingerprint);
    }

    private Directory directory() {
      if (dir == null) dir = files == null ? new ByteBuffersDirectory() : copy(files);
      return dir;
    }

    private static Directory copy(Path files) {
      Directory dir = new ByteBuffersDirectory();
      if (!Files.isDirectory(files)) return dir;
      try (var list = Files.list(files)) {
        for (Path f : (Iterable<Path>) list::iterator) {
          if (f.getFileName().toString().equals(LOCK)) continue;
          try (var out = dir.createOutput(f.getFileName().toString(), IOContext.DEFAULT)) {
            byte[] bytes = Files.readAllBytes(f);
            out.writeBytes(bytes, bytes.length);
          }
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the index " + files + ": " + e.getMessage(), e);
      }
    }
  }
}
