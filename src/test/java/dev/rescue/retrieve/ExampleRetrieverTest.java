package dev.rescue.retrieve;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.SampleKnowledgeBase;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbIndexes;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.pipeline.Analysis;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExampleRetrieverTest {
  private static final Embedder EMBEDDER = BgeSmallEmbedder.instance();
  private static final FusionPolicy LOW_GATES = FusionPolicy.paperDefaults().withTaus(0.3, 0.5, 0.3);
  private static KnowledgeBase kb;
  private static KnowledgeIndex index;
  private static List<ScoredCwe> selected;

  @BeforeAll
  static void build() {
    kb = SampleKnowledgeBase.create(EMBEDDER.id(), EMBEDDER.dimension());
    index = new KbIndexes(new LuceneIndexStores(), Path.of("unused"), line -> {}).inMemory(kb, EMBEDDER);
    selected = List.of(cwe("CWE-502"), cwe("CWE-89"));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static ScoredCwe cwe(String id) {
    return new ScoredCwe(kb.cwe(id).orElseThrow(), 0.016, Map.of());
  }

  private static List<String> retrieve(Analysis a, boolean everyCwe) {
    return new ExampleRetriever(kb, index, EMBEDDER)
        .retrieve(a, selected, EnumSet.allOf(Facet.class), LOW_GATES, everyCwe).stream()
        .map(ScoredExample::example).map(e -> e.id()).toList();
  }

  @Test
  void onTextAloneOnlyTheFirstCweGetsAnExampleUnlessEveryCweIsAskedFor() {
    Analysis text = new Analysis("Load a YAML config and look up its owner in the users database", null, List.of(),
        Language.PYTHON, null);

    assertThat(retrieve(text, false)).containsExactly("ex-502-py");
    assertThat(retrieve(text, true)).containsExactly("ex-502-py", "ex-89-py");
  }

  @Test
  void aLowerRankedCweGetsItsExampleWhenTheCodesApiCallsMatchIt() {
    String code = "cursor.execute(\"SELECT owner FROM users WHERE id = \" + uid)";
    Analysis withCode = new Analysis("Load a YAML config and look up its owner in the users database", code,
        List.of("cursor.execute"), Language.PYTHON, null);

    assertThat(retrieve(withCode, false)).containsExactly("ex-502-py", "ex-89-py");
  }
}
