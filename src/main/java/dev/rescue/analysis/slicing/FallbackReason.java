package dev.rescue.analysis.slicing;

/** Why a {@link ParallelSlicer} kept whole functions instead of slices. */
public enum FallbackReason {
  /** Slices were made; no fallback. */
  NONE("none"),
  /** The language has no front-end here (Ruby). */
  NO_FRONT_END("no-front-end"),
  /** A function is larger than {@link ParallelSlicer#MAX_FUNCTION_CHARS}. */
  TOO_LARGE("too-large"),
  /** The vulnerable or the fixed function itself does not parse cleanly. */
  FUNCTION_DOES_NOT_PARSE("function-does-not-parse"),
  /** A printed slice does not parse cleanly although its function does. */
  SLICE_DOES_NOT_PARSE("slice-does-not-parse"),
  /** The pair names no changed line in either version, so there is nothing to slice from. */
  NO_CHANGED_LINES("no-changed-lines"),
  /** The front-end failed on this input (a bug there); recorded instead of losing the pair. */
  FRONT_END_ERROR("front-end-error");

  private final String id;

  FallbackReason(String id) {
    this.id = id;
  }

  /** The spelling used in output files. */
  public String id() {
    return id;
  }
}
