package dev.rescue.solr;

import dev.rescue.embed.Embedder;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KbFingerprint;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.LoadedKb;
import java.util.List;
import java.util.function.Consumer;

/**
 * Knowledge bases kept on SolrCloud, as {@code --kb} names them: pushing one there, and loading one
 * for retrieval. A remote KB is read back whole (manifest, CWE entries, examples) and answered from
 * its collection. Its index must be current for the KB and the embedder at hand, as a folder's must:
 * a folder's stale index is rebuilt in the local cache, a collection's is refused (rebuilding it is a
 * push, which needs write access to the cluster).
 */
public final class SolrKbs {
  private SolrKbs() {}

  /** Whether a {@code --kb} value names a Solr collection. */
  public static boolean isRemote(String spec) {
    return SolrAddress.isAddress(spec);
  }

  /** Pushes {@code kb} with its index to {@code to}, creating the collection with that layout when missing. */
  public static void push(KnowledgeBase kb, String to, Embedder embedder, int shards, int replicas, Consumer<String> log) {
    new SolrIndexStore(SolrAddress.parse(to), shards, replicas, log).push(kb, embedder);
  }

  /** The KB pushed to {@code spec}, without opening its index (for {@code kb info}). */
  public static KnowledgeBase read(String spec) {
    return SolrIndexStore.at(spec).readKb();
  }

  /**
   * The KB in the collection {@code spec}, with an open index over it.
   *
   * @throws IllegalStateException when the collection holds no KB, one changed since its push, or an
   *     index made by another embedder (the message names both)
   */
  public static LoadedKb load(String spec, Embedder embedder) {
    SolrIndexStore store = SolrIndexStore.at(spec);
    KnowledgeBase kb = store.readKb();
    KnowledgeIndex index = store.open(embedder);
    try {
      String expected = KbFingerprint.ofIndex(kb, embedder);
      if (!store.holds(expected)) {
        throw new IllegalStateException("the index in " + spec + " was not made from the KB stored beside it with "
            + embedder.id() + ": push the KB again (rescue kb push --kb DIR --to " + spec + ")");
      }
      return new LoadedKb(kb, index, List.of(spec));
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }
}
