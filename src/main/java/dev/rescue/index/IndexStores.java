package dev.rescue.index;

import java.nio.file.Path;

/**
 * The index stores of one index engine on this machine: in a local folder (a KB folder's
 * {@code index/}, an entry of the index cache), copied from read-only files (the index shipped
 * inside the jar), or in memory. The composition root chooses the engine (Lucene); the knowledge
 * base asks it for stores and never names the engine. A remote store (a collection on a cluster) is
 * another {@link IndexStore}, not made here.
 */
public interface IndexStores {
  /** The index in {@code dir}, which need not exist yet; writing creates it. */
  IndexStore folder(Path dir);

  /**
   * The index in {@code files} (a folder of index files, which may sit on a read-only file system
   * such as the jar's), read into memory on first use; an absent folder holds no index. Writing
   * replaces the copy in memory, never the files.
   */
  IndexStore copyOf(Path files);

  /** An empty store in memory. */
  IndexStore memory();
}
