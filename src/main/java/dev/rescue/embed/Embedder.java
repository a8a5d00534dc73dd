package dev.rescue.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into unit-length vectors. Queries and passages may be embedded differently (bge
 * models prefix queries with an instruction), so the two have separate methods.
 */
public interface Embedder {
  /** Stable id stored in a KB manifest, e.g. {@code bge-small-en-v1.5-q}. */
  String id();

  int dimension();

  /** A search query (a task, a cause analysis). */
  float[] embedQuery(String text);

  /** A document: a CWE cause, an example's code. */
  float[] embedPassage(String text);

  /**
   * Gets ready for the first embedding (an in-process model loads in one to two seconds), so that a
   * caller can overlap it with other start-up work. Nothing by default; failures wait for first use.
   */
  default void warmUp() {}

  default List<float[]> embedPassages(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) out.add(embedPassage(t));
    return out;
  }
}
