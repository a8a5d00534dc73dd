package dev.rescue.generate.prompt;

import dev.rescue.internal.LruMemo;
import dev.rescue.internal.Tokens;

/**
 * {@link Tokens#count} of the last {@code capacity} distinct texts (least recently used evicted).
 * Exact: a text's count is computed once and the same number returned for it afterwards. Thread-safe;
 * the counting itself runs outside the lock, so concurrent requests never wait for each other's count.
 */
final class TokenCountMemo {
  /** Contexts of a few kilobytes each: a few hundred cost well under a megabyte. */
  static final int DEFAULT_CAPACITY = 512;

  private final LruMemo<String, Integer> counts;

  TokenCountMemo(int capacity) {
    this.counts = new LruMemo<>(capacity);
  }

  int count(String text) {
    return counts.get(text, Tokens::count);
  }

  int size() {
    return counts.size();
  }
}
