package dev.rescue.repair;

import dev.rescue.check.Severity;
import dev.rescue.pipeline.PipelineOptions;
import java.util.Objects;

/**
 * The caps and switches of one repair loop.
 *
 * @param rounds most repair requests after the first candidate (0 checks it and repairs nothing)
 * @param maxTokens most o200k tokens spent on repair requests, prompts and answers together, across
 *     all rounds; a round starts only when its prompt plus an answer as long as the code it fixes
 *     fit in what is left (the answer rewrites that code), so the total can pass the cap only by
 *     however much longer than the code an answer turns out
 * @param failOn findings below this severity are neither sent back nor counted against a candidate
 * @param guidance send each CWE's guideline and secure example with its findings (RESCUE); false for
 *     findings alone, the Codexity/INDICT-style baseline
 * @param temperature sampling temperature of the repair requests
 * @param topP nucleus sampling of the repair requests, or null for the server's
 */
public record RepairPolicy(int rounds, int maxTokens, Severity failOn, boolean guidance, double temperature,
    Double topP) {
  /** Three rounds: the fixes repair loops report mostly come in the first two. */
  public static final int DEFAULT_ROUNDS = 3;
  /** Enough for three rounds over a 300-line file with its guidance. */
  public static final int DEFAULT_MAX_TOKENS = 24_000;

  public RepairPolicy {
    if (rounds < 0) throw new IllegalArgumentException("repair rounds must be >= 0, was " + rounds);
    if (maxTokens < 0) throw new IllegalArgumentException("repair token budget must be >= 0, was " + maxTokens);
    Objects.requireNonNull(failOn, "failOn");
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], was " + topP);
  }

  public static RepairPolicy defaults() {
    // findings below what rescue check fails on are not worth a round; generation's temperature
    return new RepairPolicy(DEFAULT_ROUNDS, DEFAULT_MAX_TOKENS, Severity.DEFAULT_FAIL_ON, true,
        PipelineOptions.DEFAULT_TEMPERATURE, null);
  }

  public RepairPolicy withRounds(int n) {
    return new RepairPolicy(n, maxTokens, failOn, guidance, temperature, topP);
  }

  public RepairPolicy withMaxTokens(int n) {
    return new RepairPolicy(rounds, n, failOn, guidance, temperature, topP);
  }

  public RepairPolicy withFailOn(Severity s) {
    return new RepairPolicy(rounds, maxTokens, s, guidance, temperature, topP);
  }

  public RepairPolicy withGuidance(boolean on) {
    return new RepairPolicy(rounds, maxTokens, failOn, on, temperature, topP);
  }

  public RepairPolicy withSampling(double t, Double p) {
    return new RepairPolicy(rounds, maxTokens, failOn, guidance, t, p);
  }
}
