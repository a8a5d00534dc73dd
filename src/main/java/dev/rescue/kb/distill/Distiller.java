package dev.rescue.kb.distill;

import dev.rescue.model.CweEntry;
import java.util.List;

/** Distils one CWE's vulnerability-fix pairs into its CWE-layer entry (guideline, cause, API set). */
public interface Distiller {
  /**
   * @param cwe normalised id, e.g. {@code CWE-502}
   * @param inputs the CWE's pairs and their slices, at least one
   * @throws DistillationException when this CWE cannot be distilled; other CWEs go on
   */
  CweEntry distill(String cwe, List<DistillInput> inputs);
}
