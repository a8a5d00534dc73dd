package dev.rescue.repair;

import dev.rescue.check.Finding;
import dev.rescue.check.ToolFailure;
import java.util.List;

/**
 * One candidate of a repair loop and what its check found. Round 0 is the code the loop was given;
 * each later round is the answer to a repair request for the round before it.
 *
 * @param findings the findings at or above the loop's severity threshold (those that count)
 * @param failures the tools that could not check this candidate (its check is partial)
 * @param promptTokens o200k tokens of the repair request that produced it (0 for round 0)
 * @param completionTokens o200k tokens of the answer to that request (0 for round 0)
 * @param cached the answer came from the LLM cache
 */
public record RepairRound(int round, String code, List<Finding> findings, List<ToolFailure> failures,
    int promptTokens, int completionTokens, boolean cached) {
  public RepairRound {
    findings = List.copyOf(findings);
    failures = List.copyOf(failures);
  }

  public int tokens() {
    return promptTokens + completionTokens;
  }

  /** No finding that counts, and every tool checked it. */
  public boolean clean() {
    return findings.isEmpty() && failures.isEmpty();
  }
}
