package dev.rescue.model;

/** The three views of a task that RESCUE retrieves by. */
public enum Facet {
  /** Dense similarity between the vulnerability-cause analysis (or the task text) and a CWE's cause. */
  CAUSE,
  /** BM25 between the draft's API calls and a CWE's (or an example's) API set. */
  API,
  /** Dense similarity between the draft (or given code) and an example's code. */
  CODE;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
