package dev.rescue.cli;

import dev.rescue.check.Severity;
import dev.rescue.repair.RepairPolicy;
import picocli.CommandLine.Option;

/** The repair loop's caps, for {@code generate --repair} and eval's repair methods. */
final class RepairOptions {
  @Option(names = "--repair", paramLabel = "N",
      description = "Check the generated code and let the LLM fix what the check finds, at most N rounds "
          + "(0: check only). generate: off unless given; eval: for the repair methods, default "
          + RepairPolicy.DEFAULT_ROUNDS + ".")
  Integer rounds;

  @Option(names = "--repair-max-tokens", paramLabel = "N",
      description = "Most tokens (o200k, prompts and answers) the repair rounds of one sample may spend. Default: "
          + RepairPolicy.DEFAULT_MAX_TOKENS + ".")
  Integer maxTokens;

  @Option(names = "--repair-fail-on", paramLabel = "SEVERITY",
      description = "Findings at or above this severity (low, medium, high) are sent back and counted against a "
          + "candidate. Default: that of 'rescue check --fail-on'.")
  String failOn;

  /** Whether any repair option was given. */
  boolean given() {
    return rounds != null || maxTokens != null || failOn != null;
  }

  /**
   * The policy these options make, sampling as the final generation does.
   *
   * @throws IllegalArgumentException naming the option that is wrong
   */
  RepairPolicy policy(double temperature, Double topP) {
    RepairPolicy p = RepairPolicy.defaults().withSampling(temperature, topP);
    if (rounds != null) {
      if (rounds < 0) throw new IllegalArgumentException("--repair must be >= 0, was " + rounds);
      p = p.withRounds(rounds);
    }
    if (maxTokens != null) {
      if (maxTokens < 1) throw new IllegalArgumentException("--repair-max-tokens must be >= 1, was " + maxTokens);
      p = p.withMaxTokens(maxTokens);
    }
    if (failOn != null) {
      try {
        p = p.withFailOn(Severity.parse(failOn));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--repair-fail-on: " + e.getMessage());
      }
    }
    return p;
  }
}
