package dev.rescue.analysis.slicing;

import java.util.Objects;

/** A {@link ParallelSlice} together with why it fell back to whole functions, if it did. */
public record SliceOutcome(ParallelSlice slice, FallbackReason reason) {
  public SliceOutcome {
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(reason, "reason");
  }
}
