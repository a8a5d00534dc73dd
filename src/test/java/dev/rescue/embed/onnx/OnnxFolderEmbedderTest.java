package dev.rescue.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Points the folder embedder at the model file the bundled jar ships, copied into a temp folder. */
@Tag("model")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxFolderEmbedderTest {
  @TempDir static Path temp;
  private Path folder;
  private OnnxFolderEmbedder embedder;

  @BeforeAll
  void extractBundledModel() throws IOException {
    folder = temp.resolve("bge-small-copy");
    Files.createDirectories(folder);
    copyResource("bge-small-en-v1.5-q.onnx", folder.resolve(OnnxFolderEmbedder.MODEL_FILE));
    copyResource("bge-small-en-v1.5-q-tokenizer.json", folder.resolve(OnnxFolderEmbedder.TOKENIZER_FILE));
    embedder = OnnxFolderEmbedder.open(folder);
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = BgeSmallEmbedder.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("resource %s of the bundled model jar", name).isNotNull();
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void idIsTheFolderNameAndDimensionIsMeasured() {
    assertThat(embedder.id()).isEqualTo("bge-small-copy");
    assertThat(embedder.dimension()).isEqualTo(384);
  }

  @Test
  void agreesWithTheBundledEmbedderOnQueriesAndPassages() {
    BgeSmallEmbedder bundled = BgeSmallEmbedder.instance();
    String text = "Passing user input to os.system allows command injection.";
    assertThat(BgeSmallEmbedderTest.cosine(embedder.embedPassage(text), bundled.embedPassage(text))).isCloseTo(1.0, offset(1e-5));
    assertThat(BgeSmallEmbedderTest.cosine(embedder.embedQuery(text), bundled.embedQuery(text))).isCloseTo(1.0, offset(1e-5));
  }

  @Test
  void queryPrefixIsConfigurable() {
    OnnxFolderEmbedder plain = OnnxFolderEmbedder.open(folder, PoolingMode.CLS, "");
    String text = "read a file named by the user";
    assertThat(BgeSmallEmbedderTest.cosine(plain.embedQuery(text), plain.embedPassage(text))).isCloseTo(1.0, offset(1e-6));
  }

  @Test
  void missingFolderIsNamedInTheError() {
    Path missing = temp.resolve("no-such-model");
    assertThatThrownBy(() -> OnnxFolderEmbedder.open(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void folderWithoutTokenizerSaysWhichFileIsMissing() throws IOException {
    Path half = Files.createDirectories(temp.resolve("half"));
    Files.writeString(half.resolve(OnnxFolderEmbedder.MODEL_FILE), "not really a model");
    assertThatThrownBy(() -> OnnxFolderEmbedder.open(half))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenizer.json");
  }
}
