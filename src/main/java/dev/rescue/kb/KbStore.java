package dev.rescue.kb;

import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStore;

/**
 * A store that keeps a whole KB, its manifest and entries beside its index, at an address outside
 * this machine (a SolrCloud collection): what {@code --kb ADDRESS} reads and {@code kb push} writes.
 * Its index is current for a KB when it holds {@link KbFingerprint#ofIndex} of it, as a folder's is.
 */
public interface KbStore extends IndexStore {
  /**
   * The KB pushed here, entries in the order pushed.
   *
   * @throws IllegalStateException when nothing was pushed here, or the entries no longer match the
   *     fingerprint they were pushed with
   */
  KnowledgeBase readKb();

  /** Writes {@code kb} (manifest, entries) and its index embedded by {@code embedder}, replacing what is here. */
  void push(KnowledgeBase kb, Embedder embedder);
}
