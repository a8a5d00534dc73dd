package dev.rescue.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {
  /** A deterministic embedder that records what it was asked (not a mock of the unit under test). */
  private static final class CountingEmbedder implements Embedder {
    final List<String> queries = new ArrayList<>();
    int passages;
    int warmUps;

    @Override public void warmUp() { warmUps++; }

    @Override public String id() { return "counting"; }
    @Override public int dimension() { return 2; }

    @Override
    public synchronized float[] embedQuery(String text) {
      queries.add(text);
      return new float[] {text.length(), 1};
    }

    @Override
    public synchronized float[] embedPassage(String text) {
      passages++;
      return new float[] {1, text.length()};
    }
  }

  @Test
  void warmUpReachesTheModelBehindTheCache() {
    CountingEmbedder inner = new CountingEmbedder();
    new CachingEmbedder(inner, 10).warmUp();
    assertThat(inner.warmUps).isEqualTo(1);
    assertThat(inner.queries).isEmpty();
  }

  @Test
  void repeatedQueriesAreEmbeddedOnce() {
    CountingEmbedder inner = new CountingEmbedder();
    CachingEmbedder cache = new CachingEmbedder(inner, 10);
    float[] first = cache.embedQuery("task");
    float[] second = cache.embedQuery("task");
    assertThat(second).containsExactly(first);
    assertThat(inner.queries).containsExactly("task");
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void leastRecentlyUsedQueryIsEvicted() {
    CountingEmbedder inner = new CountingEmbedder();
    CachingEmbedder cache = new CachingEmbedder(inner, 2);
    cache.embedQuery("a");
    cache.embedQuery("b");
    cache.embedQuery("a"); // a is now the most recent
    cache.embedQuery("c"); // evicts b
    cache.embedQuery("a");
    cache.embedQuery("b");
    assertThat(inner.queries).containsExactly("a", "b", "c", "b");
  }

  @Test
  void callersCannotCorruptTheCache() {
    CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), 4);
    cache.embedQuery("x")[0] = 99;
    assertThat(cache.embedQuery("x")[0]).isEqualTo(1f);
  }

  @Test
  void passagesAndIdentityPassThrough() {
    CountingEmbedder inner = new CountingEmbedder();
    CachingEmbedder cache = new CachingEmbedder(inner, 4);
    cache.embedPassage("p");
    cache.embedPassage("p");
    assertThat(inner.passages).isEqualTo(2);
    assertThat(cache.id()).isEqualTo("counting");
    assertThat(cache.dimension()).isEqualTo(2);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new CachingEmbedder(new CountingEmbedder(), 0)).hasMessageContaining("capacity");
  }
}
