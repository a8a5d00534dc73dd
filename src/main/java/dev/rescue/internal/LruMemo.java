package dev.rescue.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of the last {@code capacity} distinct keys (least recently used evicted). Thread-safe; a
 * value is computed outside the lock, so callers never wait for each other's computation (two threads
 * may compute the same new key once each, which must be harmless: the computation is a pure function).
 */
public final class LruMemo<K, V> {
  private final Map<K, V> values;

  public LruMemo(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    this.values = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value remembered for {@code key}, or null. */
  public V get(K key) {
    synchronized (values) {
      return values.get(key);
    }
  }

  /** The value remembered for {@code key}, or {@code compute}'s, remembered. */
  public V get(K key, Function<? super K, ? extends V> compute) {
    V known = get(key);
    if (known != null) return known;
    V value = compute.apply(key);
    synchronized (values) {
      values.put(key, value);
    }
    return value;
  }

  public int size() {
    synchronized (values) {
      return values.size();
    }
  }
}
