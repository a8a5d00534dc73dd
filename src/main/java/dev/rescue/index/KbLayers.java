package dev.rescue.index;

import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.util.Collection;
import java.util.List;

/**
 * What an index is built from: a knowledge base's CWE layer and code layer, in the KB's order (the
 * order documents are written in, so the same KB always makes the same index files).
 */
public record KbLayers(List<CweEntry> cwes, List<CodeExample> examples) {
  public KbLayers(Collection<CweEntry> cwes, Collection<CodeExample> examples) {
    this(List.copyOf(cwes), List.copyOf(examples));
  }

  public KbLayers {
    cwes = List.copyOf(cwes);
    examples = List.copyOf(examples);
  }
}
