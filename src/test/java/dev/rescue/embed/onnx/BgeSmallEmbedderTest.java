package dev.rescue.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the bundled model (a few seconds, offline). */
@Tag("model")
class BgeSmallEmbedderTest {
  private final BgeSmallEmbedder embedder = BgeSmallEmbedder.instance();

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) s += (double) x * x;
    return Math.sqrt(s);
  }

  /**
   * The copy in the cache, opened in rescue's session options, is the jar's model as langchain4j opens
   * it: the same vectors to the last bit, so every stored index still fits.
   */
  @Test
  void theModelCopiedIntoTheCacheGivesTheVectorsOfTheModelInTheJar(@TempDir Path models) throws Exception {
    EmbeddingModel copied = BgeSmallEmbedder.newModel(models);
    try (var files = Files.list(models)) {
      assertThat(files.toList()).singleElement()
          .satisfies(d -> assertThat(d.getFileName().toString()).startsWith(BgeSmallEmbedder.ID + "-"));
    }
    EmbeddingModel inJar = new BgeSmallEnV15QuantizedEmbeddingModel();
    for (String text : List.of("yaml.load(request.data)", BgeSmallEmbedder.QUERY_PREFIX + "Store user passwords")) {
      assertThat(copied.embed(text).content().vector()).isEqualTo(inJar.embed(text).content().vector());
    }
  }

  @Test
  void hasTheIdAndDimensionStoredInManifests() {
    assertThat(embedder.id()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(embedder.dimension()).isEqualTo(384);
  }

  @Test
  void vectorsHaveTheDeclaredDimensionAndUnitLength() {
    float[] v = embedder.embedPassage("Use yaml.safe_load instead of yaml.load.");
    assertThat(v).hasSize(384);
    assertThat(norm(v)).isCloseTo(1.0, offset(1e-5));
  }

  @Test
  void queriesGetTheBgeInstructionAndPassagesDoNot() {
    String text = "SQL injection through string concatenation";
    float[] query = embedder.embedQuery(text);
    assertThat(cosine(query, embedder.embedPassage(BgeSmallEmbedder.QUERY_PREFIX + text))).isCloseTo(1.0, offset(1e-5));
    assertThat(cosine(query, embedder.embedPassage(text))).isLessThan(0.9999);
  }

  @Test
  void relatedTextsAreCloserThanUnrelatedOnes() {
    float[] q = embedder.embedQuery("the query is built by concatenating user input into SQL");
    double related = cosine(q, embedder.embedPassage("SQL injection: untrusted input changes the meaning of a database query."));
    double unrelated = cosine(q, embedder.embedPassage("Cross-site scripting: user input is written into an HTML page."));
    assertThat(related).isGreaterThan(unrelated);
  }

  @Test
  void batchEmbeddingEqualsOneByOne() {
    List<String> texts = List.of("os.system(cmd)", "subprocess.run(args)", "yaml.load(stream)");
    List<float[]> batch = embedder.embedPassages(texts);
    assertThat(batch).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(cosine(batch.get(i), embedder.embedPassage(texts.get(i)))).isCloseTo(1.0, offset(1e-5));
    }
    assertThat(embedder.embedPassages(List.of())).isEmpty();
  }

  @Test
  void blankTextIsRefusedNamingItsPosition() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> embedder.embedPassages(List.of("a", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank")
        .hasMessageContaining("position 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> embedder.embedQuery(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentCallersGetTheSameVectors() throws Exception {
    float[] expected = embedder.embedQuery("deserialize untrusted data");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) futures.add(pool.submit(() -> embedder.embedQuery("deserialize untrusted data")));
      for (Future<float[]> f : futures) assertThat(cosine(f.get(), expected)).isCloseTo(1.0, offset(1e-6));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void longTextsAreEmbeddedWhole() {
    // Beyond bge's 512-token window langchain4j embeds the parts and averages them.
    String longText = "strcpy(buffer, input); ".repeat(400);
    assertThat(norm(embedder.embedPassage(longText))).isCloseTo(1.0, offset(1e-5));
  }
}
