package dev.rescue.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Which sources a check uses and how long an analyser may take.
 *
 * @param tools the sources by name ({@code kb}, {@code bandit}, {@code cppcheck}, {@code flawfinder},
 *     {@code codeql}); empty for all of them. A source named here that is not installed is a
 *     {@link ToolFailure}; left to the default, only a missing analyser that is not optional is
 * @param toolTimeout how long one analyser may run on one unit before it counts as hung
 */
public record CheckOptions(Set<String> tools, Duration toolTimeout) {
  /** The default per-analyser timeout: generous for cppcheck on a big file, short of a CI step's patience. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public CheckOptions {
    tools = tools == null ? Set.of() : Set.copyOf(tools);
    Objects.requireNonNull(toolTimeout, "toolTimeout");
    if (toolTimeout.isNegative() || toolTimeout.isZero()) {
      throw new IllegalArgumentException("the tool timeout must be positive, was " + toolTimeout);
    }
  }

  /** Every source, the default timeout. */
  public static CheckOptions defaults() {
    return new CheckOptions(Set.of(), DEFAULT_TIMEOUT);
  }

  /** The KB's rules alone: no analyser process is started. */
  public static CheckOptions kbOnly() {
    return new CheckOptions(Set.of(KbRules.TOOL), DEFAULT_TIMEOUT);
  }

  public boolean uses(String tool) {
    return tools.isEmpty() || tools.contains(tool);
  }

  public boolean named(String tool) {
    return tools.contains(tool);
  }
}
