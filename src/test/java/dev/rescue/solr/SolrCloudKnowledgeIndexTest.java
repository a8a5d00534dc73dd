package dev.rescue.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.IndexStore;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.KnowledgeIndexContract;
import dev.rescue.index.SampleKnowledgeBase;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KnowledgeBase;
import java.util.List;
import java.util.Set;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The index contract on SolrCloud: collections of 2 shards with 2 replicas each on a 2-node
 * MiniSolrCloudCluster, written and read through ZooKeeper; plus what only a remote store has (the
 * HTTP address form, the KB stored beside the index, a changed collection refused).
 */
@Tag("solrcloud")
@Tag("model")
class SolrCloudKnowledgeIndexTest extends KnowledgeIndexContract {
  private int collections;

  @Override
  protected Embedder embedder() {
    return BgeSmallEmbedder.instance();
  }

  @Override
  protected IndexStore emptyStore() {
    return new SolrIndexStore(SolrAddress.parse(SolrTestCluster.zkSpec("contract-" + collections++)), 2, 2, line -> {});
  }

  @Test
  void theSameCollectionAnswersOverHttpAsOverZooKeeper() {
    // the contract's first store is contract-0
    IndexStore http = SolrIndexStore.at(SolrTestCluster.httpSpec("contract-0"));
    assertThat(http.fingerprint()).contains(FINGERPRINT);
    float[] q = embedder.embedQuery("Unsafe deserialization of an uploaded YAML file");
    try (KnowledgeIndex viaHttp = http.open(embedder)) {
      assertThat(viaHttp.cwesByCause(q, 4)).isEqualTo(index.cwesByCause(q, 4));
      assertThat(viaHttp.examplesByApis(List.of("yaml.load"), Set.of(), null, 4))
          .isEqualTo(index.examplesByApis(List.of("yaml.load"), Set.of(), null, 4));
    }
  }

  @Test
  void scoresEqualTheLuceneAdaptersOnTheSameLayers() {
    IndexStore lucene = new LuceneIndexStores().memory();
    lucene.write(layers, embedder, FINGERPRINT);
    float[] cause = embedder.embedQuery("user input reaches an SQL query");
    float[] code = embedder.embedPassage("os.system('ping ' + host)");
    List<String> apis = List.of("os.system", "yaml.load", "cursor.execute", "innerHTML", "getRuntime");
    try (KnowledgeIndex l = lucene.open(embedder)) {
      assertClose(index.cwesByCause(cause, 10), l.cwesByCause(cause, 10));
      assertClose(index.cwesByApis(apis, 10), l.cwesByApis(apis, 10));
      assertClose(index.examplesByCause(cause, Set.of(), null, 10), l.examplesByCause(cause, Set.of(), null, 10));
      assertClose(index.examplesByApis(apis, Set.of(), null, 10), l.examplesByApis(apis, Set.of(), null, 10));
      assertClose(index.examplesByCode(code, Set.of(), null, 10), l.examplesByCode(code, Set.of(), null, 10));
    }
  }

  private static void assertClose(List<Hit> solr, List<Hit> lucene) {
    assertThat(solr).extracting(Hit::id).containsExactlyElementsOf(lucene.stream().map(Hit::id).toList());
    for (int i = 0; i < solr.size(); i++) {
      assertThat(solr.get(i).score()).as("score of %s", solr.get(i).id())
          .isCloseTo(lucene.get(i).score(), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void aPushedKbIsReadBackWholeAndAChangedOneIsRefused() {
    KnowledgeBase kb = SampleKnowledgeBase.create(embedder.id(), embedder.dimension());
    String spec = SolrTestCluster.zkSpec("pushed-sample");
    SolrTestCluster.push(kb, spec, embedder, 2, 2);
    try (var loaded = SolrTestCluster.loader(embedder).load(List.of(spec))) {
      assertThat(loaded.kb().cwes()).containsExactlyElementsOf(kb.cwes());
      assertThat(loaded.kb().examples()).containsExactlyElementsOf(kb.examples());
      assertThat(loaded.kb().manifest()).isEqualTo(kb.manifest());
    }
    // someone edits an example's document in the collection
    SolrIndexStore store = SolrIndexStore.at(spec);
    try (SolrNodes nodes = SolrNodes.connect(store.address())) {
      var doc = new org.apache.solr.common.SolrInputDocument();
      doc.setField(SolrSchema.KEY, SolrSchema.KIND_EXAMPLE + "/ex-502-py");
      doc.setField(SolrSchema.ENTRY, java.util.Map.of("set", "{\"id\":\"ex-502-py\",\"cwe\":\"CWE-502\",\"language\":\"py\","
          + "\"vulnerable\":\"x = 1\",\"secure\":\"x = 2\"}"));
      UpdateRequest edit = new UpdateRequest().add(doc);
      edit.setAction(UpdateRequest.ACTION.COMMIT, true, true);
      nodes.request(edit, store.address().collection());
    }
    assertThatThrownBy(() -> SolrTestCluster.loader(embedder).load(List.of(spec)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match the fingerprint")
        .hasMessageContaining(spec);
  }

  @Test
  void aCollectionWithoutAKbIsRefusedSayingHowToPushOne() {
    assertThatThrownBy(() -> SolrTestCluster.loader(embedder).load(List.of(SolrTestCluster.zkSpec("never-pushed"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rescue kb push");
  }
}
