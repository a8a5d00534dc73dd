package dev.rescue.retrieve;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.SampleKnowledgeBase;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbIndexes;
import dev.rescue.kb.KnowledgeBase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CauseFacetTest {
  private static final Embedder EMBEDDER = BgeSmallEmbedder.instance();
  private static KnowledgeBase kb;
  private static KnowledgeIndex index;

  @BeforeAll
  static void build() {
    kb = SampleKnowledgeBase.create(EMBEDDER.id(), EMBEDDER.dimension());
    index = new KbIndexes(new LuceneIndexStores(), Path.of("unused"), line -> {}).inMemory(kb, EMBEDDER);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void scoreIsTheMeanOfCauseAndBestExampleSimilarity() {
    float[] q = EMBEDDER.embedQuery("Load a YAML configuration file uploaded by the user");
    double cause = index.cwesByCause(q, 10).stream().filter(h -> h.id().equals("CWE-502")).findFirst().orElseThrow().score();
    double example = index.examplesByCause(q, Set.of("CWE-502"), null, 1).get(0).score();

    Hit hit = byId(new CauseFacet(kb, index).score(q)).get("CWE-502");

    assertThat(hit.score()).isCloseTo((cause + example) / 2, within(1e-6));
  }

  @Test
  void ranksByTheMeanOfCauseBestPassageAndBestExampleWhileTheGateScoreStaysTheTwoPartMean() {
    float[] q = EMBEDDER.embedQuery("Load a YAML configuration file uploaded by the user");
    double cause = index.cwesByCause(q, 10).stream().filter(h -> h.id().equals("CWE-502")).findFirst().orElseThrow().score();
    double passage = index.cwesByCausePassage(q, 10).stream().filter(h -> h.id().equals("CWE-502")).findFirst().orElseThrow().score();
    double example = index.examplesByCause(q, Set.of("CWE-502"), null, 1).get(0).score();

    Hit hit = byId(new CauseFacet(kb, index).score(q)).get("CWE-502");

    assertThat(passage).isNotCloseTo(cause, within(1e-3)); // else the test could not tell the parts apart
    assertThat(hit.score()).isCloseTo((cause + example) / 2, within(1e-6));
    assertThat(hit.rankScore()).isCloseTo((cause + passage + example) / 3, within(1e-6));
  }

  @Test
  void aCweWithoutExamplesRanksByItsCauseAndBestPassage() {
    KnowledgeBase noExamples = new KnowledgeBase(kb.manifest(), List.copyOf(kb.cwes()), List.of());
    float[] q = EMBEDDER.embedQuery("Ping a host given by the user");
    double cause = index.cwesByCause(q, 10).stream().filter(h -> h.id().equals("CWE-78")).findFirst().orElseThrow().score();
    double passage = index.cwesByCausePassage(q, 10).stream().filter(h -> h.id().equals("CWE-78")).findFirst().orElseThrow().score();
    KnowledgeIndex cwesOnly = new KbIndexes(new LuceneIndexStores(), Path.of("unused"), line -> {}).inMemory(noExamples, EMBEDDER);
    try (cwesOnly) {
      Hit hit = byId(new CauseFacet(noExamples, cwesOnly).score(q)).get("CWE-78");

      assertThat(hit.score()).isCloseTo(cause, within(1e-6));
      assertThat(hit.rankScore()).isCloseTo((cause + passage) / 2, within(1e-6));
    }
  }

  @Test
  void leavesTheTasksOwnExampleOut() {
    String own = "Ping a host given by the user";
    float[] q = EMBEDDER.embedQuery(own);

    double with = byId(new CauseFacet(kb, index).score(q)).get("CWE-78").score();
    double without = byId(new CauseFacet(kb, index).score(q, own)).get("CWE-78").score();

    assertThat(without).isLessThan(with);
  }

  private static Map<String, Hit> byId(List<Hit> hits) {
    return hits.stream().collect(Collectors.toMap(Hit::id, Function.identity()));
  }
}
