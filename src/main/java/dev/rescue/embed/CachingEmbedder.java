package dev.rescue.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the vectors of the last {@code capacity} queries (least recently used evicted), for runs
 * that embed the same task text many times (calibration sweeps, benchmarks). Passages are not
 * cached: an index embeds each passage once. Same id and dimension as the delegate, so an index
 * built with the delegate opens with the cache. Thread-safe; returns copies, so a caller that
 * modifies a vector cannot corrupt the cache.
 */
public final class CachingEmbedder implements Embedder {
  private final Embedder delegate;
  private final Map<String, float[]> queries;
  private long hits;
  private long misses;

  public CachingEmbedder(Embedder delegate, int capacity) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    this.queries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public void warmUp() {
    delegate.warmUp();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public float[] embedQuery(String text) {
    synchronized (this) {
      float[] cached = queries.get(text);
      if (cached != null) {
        hits++;
        return cached.clone();
      }
      misses++;
    }
    // Embed outside the lock: two threads may embed the same new text once each, which is harmless.
    float[] vector = delegate.embedQuery(text);
    synchronized (this) {
      queries.put(text, vector.clone());
    }
    return vector;
  }

  @Override
  public float[] embedPassage(String text) {
    return delegate.embedPassage(text);
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return delegate.embedPassages(texts);
  }

  /** Queries answered from the cache so far. */
  public synchronized long hits() {
    return hits;
  }

  /** Queries passed to the delegate so far. */
  public synchronized long misses() {
    return misses;
  }

  @Override
  public String toString() {
    return "CachingEmbedder[" + delegate + "]";
  }
}
