package dev.rescue.kb;

import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.index.IndexStores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the real bundled embedder and Lucene index on a two-CWE KB. */
class KbIndexesTest {
  private static final IndexStores STORES = new LuceneIndexStores();
  private final Embedder embedder = BgeSmallEmbedder.instance();
  private final List<String> log = new ArrayList<>();
  @TempDir Path dir;

  private Path cache() {
    return dir.resolve("cache");
  }

  private KbIndexes indexes() {
    return new KbIndexes(STORES, cache(), log::add);
  }

  @Test
  void aFolderIndexTheManifestCoversIsUsedAsItIs() throws Exception {
    Path kbDir = dir.resolve("kb");
    KnowledgeBase kb = KbFolder.write(KbFixtures.small(), kbDir, STORES, embedder);
    try (KnowledgeIndex index = indexes().openFolder(KbFolder.read(kbDir), kbDir, embedder)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).isEmpty();
    assertThat(cache()).doesNotExist();
    assertThat(kb.manifest().coversIndex()).isTrue();
  }

  @Test
  void aFolderWithoutACoveredIndexIsIndexedIntoTheCacheNotIntoTheFolder() throws Exception {
    Path kbDir = dir.resolve("kb");
    KnowledgeBase kb = KbFolder.write(KbFixtures.small(), kbDir);
    try (KnowledgeIndex index = indexes().openFolder(kb, kbDir, embedder)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).hasSize(2).first().asString().contains("lists no index");
    assertThat(kbDir.resolve(KbFolder.INDEX)).as("the KB folder stays as it was written").doesNotExist();

    log.clear();
    try (KnowledgeIndex index = indexes().openFolder(kb, kbDir, embedder)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).isNotEmpty();
    }
    assertThat(log).as("the cached index is reused").singleElement().asString().contains("lists no index");
  }

  @Test
  void aFolderIndexMadeWithAnotherEmbedderIsReplacedByACachedOne() throws Exception {
    Path kbDir = dir.resolve("kb");
    KbFolder.write(KbFixtures.small(), kbDir, STORES, embedder);
    Embedder other = renamed(embedder, "another-embedder");
    try (KnowledgeIndex index = indexes().openFolder(KbFolder.read(kbDir), kbDir, other)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).first().asString().contains("not for another-embedder");
    assertThat(cache().resolve(KbFingerprint.ofIndex(KbFixtures.small(), other))).isDirectory();
  }

  @Test
  void aFolderIndexOfAnotherLayoutIsReportedAsSuchAndReplacedByACachedOne() throws Exception {
    Path kbDir = dir.resolve("kb");
    KnowledgeBase kb = KbFolder.write(KbFixtures.small(), kbDir, STORES, embedder);
    // what an older rescue left: an index of this KB and embedder whose fingerprint has another layout,
    // which the manifest covers
    Path indexDir = kbDir.resolve(KbFolder.INDEX);
    try (var files = Files.list(indexDir)) {
      for (Path f : files.toList()) Files.delete(f);
    }
    STORES.folder(indexDir).write(kb.layers(), embedder, "fingerprint-of-an-older-layout");
    Files.deleteIfExists(indexDir.resolve("write.lock"));
    java.util.Map<String, String> hashes = new java.util.TreeMap<>(kb.manifest().files());
    hashes.keySet().removeIf(k -> k.startsWith(KbFolder.INDEX + "/"));
    hashes.putAll(KbFolder.indexHashes(kbDir));
    KbManifest m = kb.manifest();
    KbFolder.writeManifest(new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(), m.gates(),
        m.counts(), hashes, m.fusion()), kbDir);
    try (KnowledgeIndex index = indexes().openFolder(KbFolder.read(kbDir), kbDir, embedder)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).first().asString().contains("written by another version of rescue").doesNotContain("built for");
    assertThat(cache().resolve(KbFingerprint.ofIndex(kb, embedder))).isDirectory();
  }

  @Test
  void aCacheEntryWithAChangedFileIsBuiltAgain() throws Exception {
    KnowledgeBase kb = KbFixtures.small();
    indexes().cached(kb, embedder).close();
    Path entry = cache().resolve(KbFingerprint.ofIndex(kb, embedder));
    Path cfs = entry.resolve("_0.cfs");
    byte[] bytes = Files.readAllBytes(cfs);
    bytes[bytes.length / 2] ^= 1;
    Files.write(cfs, bytes);

    log.clear();
    try (KnowledgeIndex index = indexes().cached(kb, embedder)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).extracting(Hit::id).first().isEqualTo("CWE-89");
    }
    assertThat(log).singleElement().asString().contains("indexing the KB");
    assertThat(CachedIndex.isWhole(entry, KbFingerprint.ofIndex(kb, embedder))).isTrue();
  }

  @Test
  void aShippedIndexOfTheKbIsReadIntoMemoryAndNothingIsCached() throws Exception {
    Path kbDir = dir.resolve("kb");
    KbFolder.write(KbFixtures.small(), kbDir, STORES, embedder);
    try (KnowledgeIndex index = indexes().openShipped(KbFolder.read(kbDir), kbDir.resolve(KbFolder.INDEX), embedder)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).isEmpty();
    assertThat(cache()).doesNotExist();
  }

  @Test
  void aShippedIndexMadeWithAnotherEmbedderIsReplacedByACachedOne() throws Exception {
    Path kbDir = dir.resolve("kb");
    KbFolder.write(KbFixtures.small(), kbDir, STORES, embedder);
    Embedder other = renamed(embedder, "another-embedder");
    try (KnowledgeIndex index = indexes().openShipped(KbFolder.read(kbDir), kbDir.resolve(KbFolder.INDEX), other)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).first().asString().contains("is for another embedder");
    assertThat(cache().resolve(KbFingerprint.ofIndex(KbFixtures.small(), other))).isDirectory();
  }

  @Test
  void aMissingShippedIndexIsBuiltIntoTheCache() {
    KnowledgeBase kb = KbFixtures.small();
    try (KnowledgeIndex index = indexes().openShipped(kb, dir.resolve("no-index"), embedder)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).extracting(Hit::id).first().isEqualTo("CWE-89");
    }
    assertThat(log).first().asString().contains("is missing");
    assertThat(cache().resolve(KbFingerprint.ofIndex(kb, embedder))).isDirectory();
  }

  private static Embedder renamed(Embedder e, String id) {
    return new Embedder() {
      @Override public String id() { return id; }
      @Override public int dimension() { return e.dimension(); }
      @Override public float[] embedQuery(String text) { return e.embedQuery(text); }
      @Override public float[] embedPassage(String text) { return e.embedPassage(text); }
      @Override public List<float[]> embedPassages(List<String> texts) { return e.embedPassages(texts); }
    };
  }

  @Test
  void aMergedKbIsIndexedOnceIntoTheCache() throws Exception {
    KnowledgeBase kb = KbFixtures.small();
    Path cache = dir.resolve("cache");
    try (KnowledgeIndex index = new KbIndexes(STORES, cache, log::add).cached(kb, embedder)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).extracting(Hit::id).first().isEqualTo("CWE-89");
    }
    assertThat(Files.isDirectory(cache.resolve(KbFingerprint.ofIndex(kb, embedder)))).isTrue();
    log.clear();
    try (KnowledgeIndex index = new KbIndexes(STORES, cache, log::add).cached(kb, embedder)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).isNotEmpty();
    }
    assertThat(log).isEmpty();
  }
}
