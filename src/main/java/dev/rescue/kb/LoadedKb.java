package dev.rescue.kb;

import dev.rescue.index.KnowledgeIndex;
import java.util.List;
import java.util.Objects;

/**
 * A KB ready for retrieval: its entries and an open index over them. Close it to release the index.
 *
 * @param labels the {@code --kb} values it was loaded from, in order
 */
public record LoadedKb(KnowledgeBase kb, KnowledgeIndex index, List<String> labels) implements AutoCloseable {
  public LoadedKb {
    Objects.requireNonNull(kb, "kb");
    Objects.requireNonNull(index, "index");
    labels = List.copyOf(labels);
  }

  @Override
  public void close() {
    index.close();
  }
}
