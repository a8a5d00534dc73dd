package dev.rescue.embed;

import dev.rescue.internal.LruMemo;
import java.util.List;
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
  private final LruMemo<String, float[]> queries;
  private long hits;
  private long misses;

  public CachingEmbedder(Embedder delegate, int capacity) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.queries = new LruMemo<>(capacity);
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
    float[] cached = queries.get(text);
    synchronized (this) {
      if (cached != null) hits++;
      else misses++;
    }
    // the memo keeps its own copy; every caller gets a copy of it
    return (cached != null ? cached : queries.get(text, t -> delegate.embedQuery(t).clone())).clone();
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
