package dev.rescue.generate.prompt;

import dev.rescue.internal.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Tokens#count} of the last {@code capacity} distinct texts (least recently used evicted).
 * Exact: a text's count is computed once and the same number returned for it afterwards. Thread-safe;
 * the counting itself runs outside the lock, so concurrent requests never wait for each other's count.
 */
final class TokenCountMemo {
  /** Contexts of a few kilobytes each: a few hundred cost well under a megabyte. */
  static final int DEFAULT_CAPACITY = 512;

  private final Map<String, Integer> counts;

  TokenCountMemo(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    this.counts = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > capacity;
      }
    };
  }

  int count(String text) {
    synchronized (counts) {
      Integer known = counts.get(text);
      if (known != null) return known;
    }
    int n = Tokens.count(text);
    synchronized (counts) {
      counts.put(text, n);
    }
    return n;
  }

  int size() {
    synchronized (counts) {
      return counts.size();
    }
  }
}
