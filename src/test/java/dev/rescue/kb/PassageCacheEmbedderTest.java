package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageCacheEmbedderTest {
  @TempDir Path dir;

  /** Vectors from the text's characters; records every text it is asked to embed. */
  private static final class Recording implements Embedder {
    final String id;
    final List<String> embedded = new ArrayList<>();

    Recording(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public float[] embedQuery(String text) {
      return embedPassage(text);
    }

    @Override
    public float[] embedPassage(String text) {
      embedded.add(text);
      return new float[] {text.length(), text.charAt(0), id.length()};
    }
  }

  @Test
  void aSecondBuildEmbedsOnlyTheTextsTheFirstDidNot() throws IOException {
    Recording first = new Recording("model-a");
    PassageCacheEmbedder cache = new PassageCacheEmbedder(first, dir);
    List<float[]> a = cache.embedPassages(List.of("strcpy(buf, s);", "free(p);", "strcpy(buf, s);"));
    assertThat(first.embedded).containsExactly("strcpy(buf, s);", "free(p);"); // a repeated text once
    cache.save();

    Recording second = new Recording("model-a");
    PassageCacheEmbedder again = new PassageCacheEmbedder(second, dir);
    List<float[]> b = again.embedPassages(List.of("free(p);", "strcpy(buf, s);", "memcpy(d, s, n);"));
    assertThat(second.embedded).containsExactly("memcpy(d, s, n);");
    assertThat(again.misses()).isEqualTo(1);
    assertThat(b.get(0)).containsExactly(a.get(1));
    assertThat(b.get(1)).containsExactly(a.get(0));
  }

  @Test
  void anotherModelNeverReusesTheVectors() throws IOException {
    PassageCacheEmbedder cache = new PassageCacheEmbedder(new Recording("model-a"), dir);
    cache.embedPassages(List.of("free(p);"));
    cache.save();
    Recording other = new Recording("model-b");
    float[] v = new PassageCacheEmbedder(other, dir).embedPassage("free(p);");
    assertThat(other.embedded).containsExactly("free(p);");
    assertThat(v[2]).isEqualTo(7f);
  }

  @Test
  void aTruncatedCacheFileIsIgnored() throws IOException {
    PassageCacheEmbedder cache = new PassageCacheEmbedder(new Recording("model-a"), dir);
    cache.embedPassages(List.of("free(p);", "gets(buf);"));
    cache.save();
    try (var files = Files.list(dir)) {
      Path file = files.filter(p -> p.getFileName().toString().startsWith("passages-")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    }
    Recording fresh = new Recording("model-a");
    new PassageCacheEmbedder(fresh, dir).embedPassages(List.of("free(p);"));
    assertThat(fresh.embedded).containsExactly("free(p);");
  }
}
