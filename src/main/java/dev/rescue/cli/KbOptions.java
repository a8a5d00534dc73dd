package dev.rescue.cli;

import dev.rescue.Embedders;
import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStores;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.LoadedKb;
import dev.rescue.solr.SolrKbs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kb} (repeatable) and {@code --embedder}, shared by every command that reads a KB. */
final class KbOptions {
  /** The index engine every command reads and builds KBs' indexes with. */
  static final IndexStores INDEX_STORES = new LuceneIndexStores();

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
    for (String kb : kbs) {
      if (SolrKbs.isRemote(kb)) {
        // a collection is answered from alone: merging needs the entries indexed locally
        if (kbs.size() > 1) throw new IllegalArgumentException("--kb " + kb + ": a KB on Solr cannot be merged with others; give it alone");
        continue;
      }
      if (!kb.equals(KbLoader.BUNDLED)) FileArgs.inputFolder("--kb", Path.of(kb));
    }
  }

  LoadedKb load(Embedder e) {
    check();
    return solrKb(kbs).map(kb -> SolrKbs.load(kb, e)).orElseGet(() -> loader(e).load(kbs, gatesFrom));
  }

  /** The --kb value when it is one KB on Solr, answered from alone; empty for folders and 'bundled'. */
  static Optional<String> solrKb(List<String> kbs) {
    return kbs.size() == 1 && SolrKbs.isRemote(kbs.get(0)) ? Optional.of(kbs.get(0)) : Optional.empty();
  }

  /** A loader on {@link #INDEX_STORES} and the default index cache, logging to stderr. */
  static KbLoader loader(Embedder e) {
    return new KbLoader(INDEX_STORES, e, KbLoader.defaultIndexCache(), line -> System.err.println("rescue: " + line));
  }
}
