package dev.rescue.kb;

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
import java.util.function.Consumer;

/**
 * Which index a KB is answered from, and when one is built. An index is current when the fingerprint
 * it was built with equals {@link KbFingerprint#ofIndex} of the KB and the embedder at hand. A KB
 * folder's own index is used only when its manifest covers it ({@link KbFolder} checked its hashes)
 * and it is current; otherwise the KB is indexed into the cache, never into the KB folder, which
 * stays exactly as built. So a KB edited, rebuilt or queried with another embedder never answers
 * from an old or altered index. Where indexes are kept and how they are read is the {@link
 * IndexStores}' business.
 */
public final class KbIndexes {
  private final IndexStores stores;
  private final Path cacheRoot;
  private final Consumer<String> log;

  /**
   * @param cacheRoot the index cache, see {@link #cached}
   * @param log receives one line whenever a KB is answered from another index than its own, saying why
   */
  public KbIndexes(IndexStores stores, Path cacheRoot, Consumer<String> log) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Writes the index of {@code kb} into {@code store}, with the fingerprint that marks it current. */
  static void write(KnowledgeBase kb, Embedder embedder, IndexStore store) {
    store.write(kb.layers(), embedder, KbFingerprint.ofIndex(kb, embedder));
  }

  /**
   * Opens the {@code index/} of a KB folder when its manifest covers it and it fits the embedder;
   * else the index of the KB in the cache ({@link #cached}).
   */
  public KnowledgeIndex openFolder(KnowledgeBase kb, Path kbDir, Embedder embedder) {
    Path indexDir = kbDir.resolve(KbFolder.INDEX);
    if (!kb.manifest().coversIndex() || !Files.isDirectory(indexDir)) {
      log.accept("the manifest of " + kbDir + " lists no index (written without one, or by an older rescue): "
          + "its index comes from the cache");
      return cached(kb, embedder);
    }
    IndexStore own = stores.folder(indexDir);
    try {
      if (own.holds(KbFingerprint.ofIndex(kb, embedder))) return own.open(embedder);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot open the index of " + kbDir + ": " + e.getCause().getMessage(), e.getCause());
    }
    // the manifest's hashes cover the data and the index, so with the same embedder only the layout differs
    log.accept(kb.manifest().embedder().id().equals(embedder.id())
        ? "the index of " + kbDir + " was written by another version of rescue (not index layout " + KbLayers.LAYOUT
            + "): its index comes from the cache (rescue kb build writes a current one)"
        : "the index of " + kbDir + " was built for " + kb.manifest().embedder().id() + ", not for "
            + embedder.id() + ": its index for " + embedder.id() + " comes from the cache");
    return cached(kb, embedder);
  }

  /**
   * An index shipped read-only with the KB ({@code indexFiles}, e.g. inside the jar), read into
   * memory; or from the cache ({@link #cached}) when it is absent or made with another embedder.
   */
  public KnowledgeIndex openShipped(KnowledgeBase kb, Path indexFiles, Embedder embedder) {
    IndexStore shipped = stores.copyOf(indexFiles);
    Optional<String> found = shipped.fingerprint();
    if (found.isPresent() && found.get().equals(KbFingerprint.ofIndex(kb, embedder))) return shipped.open(embedder);
    // another embedder than the shipped index's: its index comes from the cache, embedded once
    log.accept("the shipped index " + indexFiles + " is " + (found.isEmpty() ? "missing" : "for another embedder")
        + ": its index for " + embedder.id() + " comes from the cache");
    return cached(kb, embedder);
  }

  /**
   * The index kept beside a remote KB, which must be current for {@code kb} and the embedder: a
   * stale one is refused (a remote index is rebuilt by a push, never here).
   *
   * @throws IllegalStateException when it was made by another embedder (the message names both) or
   *     not from {@code kb}
   */
  public KnowledgeIndex openRemote(KnowledgeBase kb, KbStore store, Embedder embedder) {
    KnowledgeIndex index = store.open(embedder);
    if (store.holds(KbFingerprint.ofIndex(kb, embedder))) return index;
    index.close();
    throw new IllegalStateException("the index in " + store.name() + " was not made from the KB stored beside it with "
        + embedder.id() + ": push the KB again (rescue kb push --kb DIR --to " + store.name() + ")");
  }

  /** An index of {@code kb} built in memory. */
  public KnowledgeIndex inMemory(KnowledgeBase kb, Embedder embedder) {
    IndexStore store = stores.memory();
    write(kb, embedder, store);
    return store.open(embedder);
  }

  /**
   * The index of a KB without a usable index of its own (a merge, a KB queried with another
   * embedder), cached on disk under {@code cacheRoot/<fingerprint>} so that the next run with the
   * same KB and embedder skips the embedding; in memory when the cache cannot be written. An entry is
   * built in a temporary sibling and renamed into place whole, with the hashes of its files last
   * ({@link CachedIndex}); an entry that does not match them is built again.
   */
  public KnowledgeIndex cached(KnowledgeBase kb, Embedder embedder) {
    String expected = KbFingerprint.ofIndex(kb, embedder);
    Path folder = cacheRoot.resolve(expected);
    try {
      if (!CachedIndex.isWhole(folder, expected)) {
        log.accept("indexing the KB (" + kb.cwes().size() + " CWEs, " + kb.examples().size() + " examples) with "
            + embedder.id() + " into the cache " + folder);
        CachedIndex.build(folder, staging -> write(kb, embedder, stores.folder(staging)));
      }
      return stores.folder(folder).open(embedder);
    } catch (IOException | UncheckedIOException e) {
      log.accept("cannot use the index cache " + folder + " (" + e.getMessage() + "): indexing in memory");
      return inMemory(kb, embedder);
    }
  }
}
