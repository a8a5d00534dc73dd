package dev.rescue.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.IndexStore;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndexContract;
import dev.rescue.index.SampleKnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CweEntry;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract on a Lucene store in memory with the real bundled embedder, plus Lucene specifics. */
@Tag("model")
class LuceneKnowledgeIndexTest extends KnowledgeIndexContract {
  @Override
  protected Embedder embedder() {
    return BgeSmallEmbedder.instance();
  }

  @Override
  protected IndexStore emptyStore() {
    return new LuceneIndexStores().memory();
  }

  @Test
  void fingerprintIsEmptyInADirectoryWithoutIndex() {
    assertThat(LuceneKnowledgeIndex.fingerprint(new ByteBuffersDirectory())).isEmpty();
  }

  @Test
  void openingADirectoryWithoutIndexSaysSo() {
    assertThatThrownBy(() -> LuceneKnowledgeIndex.open(new ByteBuffersDirectory(), embedder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no knowledge index");
  }

  @Test
  void riskyApisOutweighSafeOnes() {
    // Two CWEs of equal shape: one lists foo.bar as risky, the other as safe.
    KbLayers twins = new KbLayers(List.of(
        SampleKnowledgeBase.cwe("CWE-1", "A", "a", Map.of("py", new ApiSet(List.of("foo.bar"), List.of("baz.qux")))),
        SampleKnowledgeBase.cwe("CWE-2", "B", "b", Map.of("py", new ApiSet(List.of("baz.qux"), List.of("foo.bar"))))),
        List.of());
    try (Directory d = new ByteBuffersDirectory()) {
      LuceneKnowledgeIndex.build(twins, embedder, d, "twins");
      try (LuceneKnowledgeIndex twinIndex = LuceneKnowledgeIndex.open(d, embedder)) {
        List<Hit> hits = twinIndex.cwesByApis(List.of("foo.bar"), 2);
        assertThat(hits).extracting(Hit::id).containsExactly("CWE-1", "CWE-2");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void buildEmbedsEachDistinctTextOnceAndReportsProgressUpToTheTotal() throws java.io.IOException {
    List<int[]> reports = new java.util.ArrayList<>();
    try (Directory d = new ByteBuffersDirectory()) {
      LuceneKnowledgeIndex.build(layers, embedder, d, "p", (done, total) -> reports.add(new int[] {done, total}));
    }
    // 4 causes + their 4 passages (each sample cause is one sentence, without the name its cause text
    // starts with) + 4 distinct descriptions + 12 code texts: the Java SQL example reuses its CWE's
    // cause vector, and the two ping examples share one description, embedded once.
    assertThat(reports).isNotEmpty();
    assertThat(reports.get(reports.size() - 1)).containsExactly(24, 24);
  }

  @Test
  void longCodeIsCutToTheEmbeddingWindow() {
    assertThat(LuceneKnowledgeIndex.codePassage("x".repeat(5000))).hasSize(LuceneKnowledgeIndex.MAX_CODE_CHARS);
    assertThat(LuceneKnowledgeIndex.codePassage("short")).isEqualTo("short");
  }

  @Test
  void causeTextPrependsTheCweName() {
    CweEntry c = SampleKnowledgeBase.cwe("CWE-89", "SQL Injection", "Concatenated queries.", Map.of());
    assertThat(LuceneKnowledgeIndex.causeText(c)).isEqualTo("SQL Injection. Concatenated queries.");
    assertThat(LuceneKnowledgeIndex.causeText(new CweEntry("CWE-1", "", "", "", null, null, null, null))).isEqualTo("CWE-1");
  }

  @Test
  void apiQueryTermsAreTheAnalysedCallsEachOnce() {
    assertThat(LuceneKnowledgeIndex.analyze(List.of("yaml.load", "json.load")))
        .containsExactly("yaml.load", "yaml", "load", "json.load", "json");
  }
}
