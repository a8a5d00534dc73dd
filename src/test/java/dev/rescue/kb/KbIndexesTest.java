package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.LuceneKnowledgeIndex;
import dev.rescue.model.CweEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the real bundled embedder and Lucene index on a two-CWE KB. */
class KbIndexesTest {
  private final Embedder embedder = BgeSmallEmbedder.instance();
  private final List<String> log = new ArrayList<>();
  @TempDir Path dir;

  private String indexFingerprint() throws Exception {
    try (Directory d = FSDirectory.open(dir.resolve(KbFolder.INDEX))) {
      return LuceneKnowledgeIndex.fingerprint(d).orElse("");
    }
  }

  @Test
  void aMissingIndexIsBuiltOnOpenAndThenReused() throws Exception {
    KnowledgeBase kb = KbFolder.write(KbFixtures.small(), dir);
    try (KnowledgeIndex index = KbIndexes.openFolder(kb, dir, embedder, log::add)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).extracting(Hit::id).first().isEqualTo("CWE-502");
    }
    assertThat(log).singleElement().asString().contains("missing");
    assertThat(indexFingerprint()).isEqualTo(KbFingerprint.ofIndex(kb, embedder));

    log.clear();
    try (KnowledgeIndex index = KbIndexes.openFolder(kb, dir, embedder, log::add)) {
      assertThat(index.cwesByApis(List.of("yaml.load"), 5)).isNotEmpty();
    }
    assertThat(log).isEmpty();
  }

  @Test
  void aStaleIndexIsRebuiltWhenTheKbChanged() throws Exception {
    KnowledgeBase before = KbFolder.write(KbFixtures.small(), dir);
    KbIndexes.writeFolderIndex(before, embedder, dir);

    // A new guideline and a new API in the CWE layer: the old index knows nothing of `marshal.loads`.
    CweEntry old = before.cwe("CWE-502").orElseThrow();
    CweEntry changed = new CweEntry(old.cwe(), old.name(), "Never call `marshal.loads` on input.", old.cause(),
        java.util.Map.of("py", new dev.rescue.model.ApiSet(List.of("marshal.loads"), List.of()))
        , old.examples(), old.provenance(), old.distiller());
    KnowledgeBase after = KbFolder.write(new KnowledgeBase(before.manifest(),
        List.of(changed, before.cwe("CWE-89").orElseThrow()), List.copyOf(before.examples())), dir);
    assertThat(indexFingerprint()).isNotEqualTo(KbFingerprint.ofIndex(after, embedder));

    try (KnowledgeIndex index = KbIndexes.openFolder(KbFolder.read(dir), dir, embedder, log::add)) {
      assertThat(index.cwesByApis(List.of("marshal.loads"), 5)).extracting(Hit::id).containsExactly("CWE-502");
    }
    assertThat(log).singleElement().asString().contains("stale");
    assertThat(indexFingerprint()).isEqualTo(KbFingerprint.ofIndex(after, embedder));
  }

  @Test
  void aMergedKbIsIndexedOnceIntoTheCache() throws Exception {
    KnowledgeBase kb = KbFixtures.small();
    Path cache = dir.resolve("cache");
    try (KnowledgeIndex index = KbIndexes.cached(kb, embedder, cache, log::add)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).extracting(Hit::id).first().isEqualTo("CWE-89");
    }
    assertThat(Files.isDirectory(cache.resolve(KbFingerprint.ofIndex(kb, embedder)))).isTrue();
    log.clear();
    try (KnowledgeIndex index = KbIndexes.cached(kb, embedder, cache, log::add)) {
      assertThat(index.cwesByApis(List.of("cursor.execute"), 5)).isNotEmpty();
    }
    assertThat(log).isEmpty();
  }
}
