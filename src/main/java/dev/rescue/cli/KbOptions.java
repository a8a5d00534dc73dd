package dev.rescue.cli;

import dev.rescue.Embedders;
import dev.rescue.KbEngines;
import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStores;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KbStores;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.LoadedKb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --kb} (repeatable) and {@code --embedder}, shared by every command that reads a KB. */
final class KbOptions {
  /** Which store serves a --kb value: Lucene for folders and 'bundled', SolrCloud for its addresses. */
  static final KbStores STORES = KbEngines.standard();
  /** The index engine every command builds KBs' indexes with. */
  static final IndexStores INDEX_STORES = STORES.local();

  @Option(names = "--kb", paramLabel = "DIR",
      description = "Knowledge base folder, or 'bundled' for the curated KB in the jar (the default), or a KB "
          + "pushed to SolrCloud: solr://ZK_HOST:PORT[/CHROOT]/COLLECTION or http://HOST:PORT/solr/COLLECTION. "
          + "Repeat to overlay several folders; entries of the same CWE merge. KBs with different gates or embedders "
          + "merge only with --gates-from.")
  List<String> kbs = new ArrayList<>();

  @Option(names = "--gates-from", paramLabel = "KB",
      description = "For a merge of KBs calibrated differently: the --kb value whose gates and embedder the merge "
          + "uses (e.g. bundled). KBs that agree need none.")
  String gatesFrom;

  @Option(names = "--embedder", paramLabel = "SPEC", defaultValue = "bundled",
      description = "Embedding model: 'bundled' (bge-small-en-v1.5, in-process), 'onnx:DIR' (a local ONNX "
          + "model folder), or 'remote:BASE_URL#MODEL' (an OpenAI-compatible /v1/embeddings). Default: ${DEFAULT-VALUE}.")
  String embedder;

  /** Query vectors a command keeps by default: a task's cause query is embedded for both retrieval levels. */
  static final int QUERY_CACHE = 256;

  Embedder embedder() {
    return embedder(QUERY_CACHE);
  }

  /** The embedder with a cache of the last {@code queries} query vectors (repeated texts hit it). */
  Embedder embedder(int queries) {
    return new CachingEmbedder(Embedders.fromSpec(embedder), queries);
  }

  /** Checks that every --kb folder is there, before the model starts loading. */
  void check() {
    check(kbs);
  }

  /**
   * Checks {@code kbs} as given to {@code --kb}: each folder is there, and a remote KB stands alone
   * ({@link KbStores#checkAddresses}); a remote KB is reached when it is read.
   */
  static void check(List<String> kbs) {
    STORES.checkAddresses(kbs);
    for (String kb : kbs) {
      // an address no engine takes is named as such when it is read
      if (isFolder(kb) && !kb.contains("://")) FileArgs.inputFolder("--kb", Path.of(kb));
    }
  }

  /** Whether a --kb value is a KB folder on this machine (not 'bundled', not a remote KB's address), which can be written to. */
  static boolean isFolder(String kb) {
    return !kb.equals(KbLoader.BUNDLED) && STORES.remote(kb).isEmpty();
  }

  LoadedKb load(Embedder e) {
    check();
    return loader(e).load(kbs, gatesFrom);
  }

  /** The KBs of {@code kbs} without an index (the embedding model is not loaded): folders merged, or one remote KB. */
  static KnowledgeBase read(List<String> kbs, String gatesFrom) {
    check(kbs);
    return STORES.read(kbs, gatesFrom);
  }

  /** A loader on {@link #STORES} and the default index cache, logging to stderr. */
  static KbLoader loader(Embedder e) {
    return new KbLoader(STORES, e, KbLoader.defaultIndexCache(), line -> System.err.println("rescue: " + line));
  }
}
