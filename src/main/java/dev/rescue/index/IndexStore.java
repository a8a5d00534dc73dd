package dev.rescue.index;

import dev.rescue.embed.Embedder;
import java.util.Optional;

/**
 * One place where a knowledge index is kept, and the port every index adapter implements: a folder
 * or memory for Lucene today; a remote collection (SolrCloud) behind the same port later. The index
 * is stored with a fingerprint chosen by the caller (the KB's, see {@code KbFingerprint.ofIndex}),
 * and with the embedder it was made with, so that a caller can tell a stale index without reading
 * it, and an index is never queried with vectors of another model.
 */
public interface IndexStore {
  /** Where the index is kept, for messages (a folder, a collection's address). */
  String name();

  /** The fingerprint the stored index was written with; empty when no index is stored here. */
  Optional<String> fingerprint();

  /** Whether the index stored here was written with {@code fingerprint}. */
  default boolean holds(String fingerprint) {
    return fingerprint().filter(fingerprint::equals).isPresent();
  }

  /**
   * Opens the stored index for queries embedded by {@code embedder}. Closing the index releases all
   * the store opened for it.
   *
   * @throws IllegalStateException when no index is stored here, or it was made by another embedder
   *     or schema (the message names both embedders)
   */
  KnowledgeIndex open(Embedder embedder);

  /** Writes the index of {@code layers}, embedded by {@code embedder}, replacing the one stored here. */
  void write(KbLayers layers, Embedder embedder, String fingerprint);
}
