package dev.rescue.analysis.slicing;

import java.util.List;
import java.util.Objects;

/**
 * The parallel slices of one vulnerability fix: the vulnerable and the secure slice keep the same
 * context lines, so they differ only where the fix differs.
 *
 * @param vulnerable the vulnerable slice (or the whole vulnerable function when {@code fallback})
 * @param secure the secure slice (or the whole fixed function when {@code fallback})
 * @param vulnerablePoi 1-based line numbers, in the original vulnerable function, of its points of
 *     interest (the lines the fix deleted)
 * @param securePoi 1-based line numbers, in the original fixed function, of its points of interest
 *     (the lines the fix added)
 * @param fallback true when the whole functions were kept instead of slices (no front-end for the
 *     language, a function or a slice that does not parse, an oversized function)
 * @param vulnerableParses {@code vulnerable} parses with no error nodes
 * @param secureParses {@code secure} parses with no error nodes
 */
public record ParallelSlice(
    String vulnerable,
    String secure,
    List<Integer> vulnerablePoi,
    List<Integer> securePoi,
    boolean fallback,
    boolean vulnerableParses,
    boolean secureParses) {

  public ParallelSlice {
    Objects.requireNonNull(vulnerable, "vulnerable");
    Objects.requireNonNull(secure, "secure");
    vulnerablePoi = List.copyOf(vulnerablePoi);
    securePoi = List.copyOf(securePoi);
  }
}
