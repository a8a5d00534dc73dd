package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.IndexStore;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.LuceneIndexStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address of a KB chooses its store: a remote engine's address is read and answered from that
 * engine, through the same loader as folders, with its index refused when stale. The remote engine
 * here keeps its KBs in memory over the real Lucene adapter (the SolrCloud one is tested on a
 * cluster in dev.rescue.solr).
 */
class KbStoresTest {
  @TempDir Path dir;
  private final Embedder embedder = BgeSmallEmbedder.instance();
  private final MemoryEngine engine = new MemoryEngine();
  private final KbStores stores = new KbStores(new LuceneIndexStores(), List.of(engine));

  private KbLoader loader() {
    return new KbLoader(stores, embedder, dir.resolve("cache"), line -> {});
  }

  @Test
  void aRemoteAddressIsReadAndAnsweredFromItsEngine() {
    KnowledgeBase kb = KbFixtures.small();
    stores.pushTarget("mem://a", 1, 1, line -> {}).push(kb, embedder);
    try (LoadedKb loaded = loader().load(List.of("mem://a"))) {
      assertThat(loaded.labels()).containsExactly("mem://a");
      assertThat(loaded.kb().cwes()).containsExactlyElementsOf(kb.cwes());
      assertThat(loaded.kb().examples()).containsExactlyElementsOf(kb.examples());
      assertThat(loaded.index().cwesByApis(List.of("yaml.load"), 4)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(engine.opened).as("the index came from the remote store, not a local one").containsExactly("mem://a");
    assertThat(loader().readKbs(List.of("mem://a"), null).cwes()).containsExactlyElementsOf(kb.cwes());
  }

  @Test
  void aRemoteIndexNotMadeFromTheKbBesideItIsRefusedNotRebuilt() {
    KnowledgeBase kb = KbFixtures.small();
    KbStore store = stores.pushTarget("mem://stale", 1, 1, line -> {});
    store.push(kb, embedder);
    // the index is rewritten from other layers (a partial push, someone else's tool)
    store.write(new KbLayers(kb.cwes(), List.of()), embedder, "some-other-fingerprint");
    assertThatThrownBy(() -> loader().load(List.of("mem://stale")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mem://stale")
        .hasMessageContaining("rescue kb push");
    assertThat(engine.closed).as("the refused index is closed").isEqualTo(1);
  }

  @Test
  void aRemoteKbStandsAlone() {
    stores.pushTarget("mem://a", 1, 1, line -> {}).push(KbFixtures.small(), embedder);
    assertThatThrownBy(() -> loader().load(List.of("mem://a", "bundled")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kb mem://a").hasMessageContaining("cannot be merged");
    assertThatThrownBy(() -> stores.read(List.of("mem://a"), "bundled"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--gates-from");
  }

  @Test
  void anAddressNoEngineTakesIsNamedWithTheFormsThatWork() {
    assertThatThrownBy(() -> stores.read(List.of("opensearch://host/kb"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kb opensearch://host/kb").hasMessageContaining("mem://NAME");
    assertThatThrownBy(() -> stores.pushTarget(dir.toString(), 1, 1, line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--to " + dir).hasMessageContaining("mem://NAME");
    assertThat(stores.remote("bundled")).isEmpty();
    assertThat(stores.remote(dir.toString())).isEmpty();
  }

  /** A remote engine whose KBs live in this JVM: a KB and a Lucene index in memory per address. */
  private static final class MemoryEngine implements RemoteKbs {
    final Map<String, MemoryStore> kbs = new HashMap<>();
    final List<String> opened = new java.util.ArrayList<>();
    int closed;

    @Override
    public String forms() {
      return "mem://NAME";
    }

    @Override
    public Optional<KbStore> at(String address) {
      return address.startsWith("mem://") ? Optional.of(kbs.computeIfAbsent(address, MemoryStore::new)) : Optional.empty();
    }

    @Override
    public Optional<KbStore> forPush(String address, int shards, int replicas, Consumer<String> log) {
      return at(address);
    }

    private final class MemoryStore implements KbStore {
      private final String address;
      private final IndexStore index = new LuceneIndexStores().memory();
      private KnowledgeBase kb;

      MemoryStore(String address) {
        this.address = address;
      }

      @Override public String name() { return address; }
      @Override public Optional<String> fingerprint() { return index.fingerprint(); }
      @Override public void write(KbLayers layers, Embedder embedder, String fingerprint) { index.write(layers, embedder, fingerprint); }

      @Override
      public KnowledgeIndex open(Embedder embedder) {
        opened.add(address);
        KnowledgeIndex open = index.open(embedder);
        return new KnowledgeIndex() {
          @Override public List<Hit> cwesByCause(float[] q, int k) { return open.cwesByCause(q, k); }
          @Override public List<Hit> cwesByCausePassage(float[] q, int k) { return open.cwesByCausePassage(q, k); }
          @Override public List<Hit> cwesByApis(List<String> apis, int k) { return open.cwesByApis(apis, k); }
          @Override public List<Hit> examplesByCause(float[] q, java.util.Set<String> cwes, dev.rescue.model.Language l, int k) { return open.examplesByCause(q, cwes, l, k); }
          @Override public List<Hit> examplesByApis(List<String> apis, java.util.Set<String> cwes, dev.rescue.model.Language l, int k) { return open.examplesByApis(apis, cwes, l, k); }
          @Override public List<Hit> examplesByCode(float[] q, java.util.Set<String> cwes, dev.rescue.model.Language l, int k) { return open.examplesByCode(q, cwes, l, k); }
          @Override public void close() { closed++; open.close(); }
        };
      }

      @Override
      public KnowledgeBase readKb() {
        if (kb == null) throw new IllegalStateException("no KB in " + address);
        return kb;
      }

      @Override
      public void push(KnowledgeBase kb, Embedder embedder) {
        this.kb = kb;
        index.write(kb.layers(), embedder, KbFingerprint.ofIndex(kb, embedder));
      }
    }
  }
}
