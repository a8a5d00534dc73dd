package dev.rescue;

import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbStores;
import dev.rescue.solr.SolrKbs;
import java.util.List;

/**
 * The engines that keep knowledge bases: Lucene for folders and {@code bundled} on this machine,
 * SolrCloud for {@code --kb solr://...} and {@code http(s)://...}. A composition root beside {@link
 * Checkers} and {@link PipelineFactory}, so that {@code kb} and {@code index} own the ports and never
 * import an adapter; an OpenSearch adapter would be one more entry here.
 */
public final class KbEngines {
  private KbEngines() {}

  public static KbStores standard() {
    return new KbStores(new LuceneIndexStores(), List.of(new SolrKbs()));
  }
}
