package dev.rescue.index;

import dev.rescue.embed.Embedder;

/**
 * Whether a stored index can answer this version's queries: its schema is the one the adapter reads and
 * it was built with the embedder the queries are embedded with (same id and dimension). The one rule for
 * every index store; each adapter names its place and what the user does about a mismatch.
 */
public final class IndexCompatibility {
  private IndexCompatibility() {}

  /**
   * @param where the index, for messages (a folder, a collection's address)
   * @param schema the schema version the index records (null: none)
   * @param readsSchema the schema version the adapter reads
   * @param builtWith the embedder id the index records
   * @param dimension the vector dimension the index records
   * @param remedy what the user does, e.g. "rebuild the index" or "push the KB again"
   * @throws IllegalStateException naming the index, what it holds and the remedy
   */
  public static void check(Object where, Object schema, String readsSchema, Object builtWith, Object dimension,
      Embedder embedder, String remedy) {
    if (!readsSchema.equals(String.valueOf(schema))) {
      throw new IllegalStateException("the index in " + where + " has schema " + schema
          + ", this version reads schema " + readsSchema + ": " + remedy);
    }
    if (!embedder.id().equals(String.valueOf(builtWith)) || !Integer.toString(embedder.dimension()).equals(String.valueOf(dimension))) {
      throw new IllegalStateException("the index in " + where + " was built with embedder '" + builtWith
          + "' (" + dimension + " dimensions) but queries would be embedded with '" + embedder.id()
          + "' (" + embedder.dimension() + " dimensions): " + remedy + " with the same embedder");
    }
  }
}
