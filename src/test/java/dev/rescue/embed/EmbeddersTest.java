package dev.rescue.embed;

import dev.rescue.Embedders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.embed.remote.RemoteEmbedder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddersTest {
  @Test
  void bundledIsTheDefault() {
    assertThat(Embedders.fromSpec(null)).isSameAs(BgeSmallEmbedder.instance());
    assertThat(Embedders.fromSpec("")).isSameAs(BgeSmallEmbedder.instance());
    assertThat(Embedders.fromSpec("bundled")).isSameAs(BgeSmallEmbedder.instance());
  }

  @Test
  void remoteSpecGivesUrlAndModel() {
    Embedder e = Embedders.fromSpec("remote:http://127.0.0.1:9/v1#text-embedding-3-small", Map.<String, String>of()::get);
    assertThat(e).isInstanceOf(RemoteEmbedder.class);
    assertThat(e.id()).isEqualTo("text-embedding-3-small");
    assertThat(((RemoteEmbedder) e).endpoint().toString()).isEqualTo("http://127.0.0.1:9/v1/embeddings");
  }

  @Test
  void remoteSpecWithoutModelIsRefused() {
    assertThatThrownBy(() -> Embedders.fromSpec("remote:http://127.0.0.1:9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remote:BASE_URL#MODEL");
  }

  @Test
  void onnxSpecNamesAMissingFolder(@TempDir Path temp) {
    Path missing = temp.resolve("bge-base-en-v1.5");
    assertThatThrownBy(() -> Embedders.fromSpec("onnx:" + missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> Embedders.fromSpec("onnx:")).hasMessageContaining("names no folder");
  }

  @Test
  void unknownSpecIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> Embedders.fromSpec("openai"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'openai'")
        .hasMessageContaining("bundled, onnx:DIR or remote:BASE_URL#MODEL");
  }
}
