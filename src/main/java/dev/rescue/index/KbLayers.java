package dev.rescue.index;

import dev.rescue.kb.mitre.MitreLayerAssembler;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.util.Collection;
import java.util.List;

/**
 * What an index is built from: a knowledge base's CWE layer and code layer, in the KB's order (the
 * order documents are written in, so the same KB always makes the same index files).
 *
 * <p>Entries derived from MITRE's catalogue ({@link #derived}) sit under the curated KB. An index
 * keeps their API names in a field of their own, with statistics of their own, so that a curated
 * entry's BM25 score is the same with the layer as without it: MITRE's API names in the curated
 * field shifted its IDF and length norms enough to reorder curated CWEs (CWEval's training half:
 * Hit@1 0.458 without the layer, 0.438 with it).
 */
public record KbLayers(List<CweEntry> cwes, List<CodeExample> examples) {
  /**
   * What an index makes of the layers (which field holds what), bumped when that changes; part of an
   * index's fingerprint, so that an index of another layout is rebuilt rather than read as current.
   * 2: the derived layer's API names in their own field. 3: each CWE's cause passages ({@link CausePassages}).
   */
  public static final int LAYOUT = 3;

  public KbLayers(Collection<CweEntry> cwes, Collection<CodeExample> examples) {
    this(List.copyOf(cwes), List.copyOf(examples));
  }

  public KbLayers {
    cwes = List.copyOf(cwes);
    examples = List.copyOf(examples);
  }

  /** Whether a CWE entry belongs to the MITRE-derived layer (the one rule; the retriever's layer gate reads it too). */
  public static boolean derived(CweEntry c) {
    return MitreLayerAssembler.DISTILLER.equals(c.distiller());
  }

  /** Whether an example belongs to the MITRE-derived layer. */
  public static boolean derived(CodeExample e) {
    return MitreLayerAssembler.DISTILLER.equals(e.source());
  }
}
