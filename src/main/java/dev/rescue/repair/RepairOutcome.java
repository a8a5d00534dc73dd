package dev.rescue.repair;

import java.util.List;

/**
 * What a repair loop did: every candidate in order, the one kept, and why the loop stopped.
 *
 * @param kept index into {@code rounds} of the best candidate: one with no findings, else the one
 *     with the fewest, the earliest of equals
 */
public record RepairOutcome(List<RepairRound> rounds, int kept, StopReason stop, String detail) {
  public RepairOutcome {
    rounds = List.copyOf(rounds);
    if (rounds.isEmpty()) throw new IllegalArgumentException("a repair outcome has at least its first candidate");
    if (kept < 0 || kept >= rounds.size()) throw new IllegalArgumentException("kept " + kept + " is no round");
    detail = detail == null ? "" : detail;
  }

  /** Why the loop stopped. */
  public enum StopReason {
    /** A candidate had no finding at or above the threshold and a whole check. */
    CLEAN("clean"),
    /** No finding left to send back, but a tool failed on the candidate: nothing more is known. */
    CHECK_INCOMPLETE("check-incomplete"),
    /** Every round was used. */
    ROUNDS("rounds"),
    /** The next round would not fit in the token budget. */
    TOKENS("tokens"),
    /** The answer repeated an earlier candidate: the same request would follow, and the same answer. */
    UNCHANGED("unchanged"),
    /** The LLM failed (after its retries); the candidates so far stand. */
    LLM_ERROR("llm-error");

    private final String key;

    StopReason(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public RepairRound keptRound() {
    return rounds.get(kept);
  }

  public String code() {
    return keptRound().code();
  }

  /** Repair requests made (rounds after the first candidate). */
  public int repairRounds() {
    return rounds.size() - 1;
  }

  public int tokens() {
    return rounds.stream().mapToInt(RepairRound::tokens).sum();
  }
}
