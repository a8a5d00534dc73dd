package dev.rescue.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When and how long to retry a failed LLM call. Only {@link LlmException#retryable() retryable}
 * failures are retried: 429, 408, 5xx, time-outs and broken connections (the adapter decides which
 * failure is which). Waits grow exponentially from {@code initialDelay} by {@code multiplier}, capped at
 * {@code maxDelay}, with "equal jitter" (a random wait between half and all of the step) so that
 * parallel callers hitting the same 429 do not come back in lock-step.
 *
 * <p>A server's {@code Retry-After} ({@link RetryAfterException}) replaces the computed wait. Waits
 * longer than {@code maxRetryAfter} are not honoured: the call fails at once, since stalling a whole
 * KB build for an hour is worse than a clear failure naming the wait.
 *
 * <p>The {@link Sleeper} and the {@link Random} are injectable so tests neither sleep nor flake.
 */
public final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  /** Sleeps for a duration; tests substitute one that records the waits. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Duration maxRetryAfter;
  private final Sleeper sleeper;
  private final Random random;

  private RetryPolicy(
      int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, Duration maxRetryAfter,
      Sleeper sleeper, Random random) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    if (initialDelay.isNegative()) throw new IllegalArgumentException("initialDelay must not be negative");
    if (maxDelay.compareTo(initialDelay) < 0) throw new IllegalArgumentException("maxDelay must be >= initialDelay");
    if (multiplier < 1.0) throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.multiplier = multiplier;
    this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Defaults: 4 attempts, waits of about 1 s, 2 s, 4 s (at most 30 s), Retry-After honoured up to 60 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, Duration.ofSeconds(60),
        Sleeper.REAL, new Random());
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialDelay, maxDelay, multiplier, maxRetryAfter, sleeper, random);
  }

  public RetryPolicy withBackoff(Duration initial, Duration max, double factor) {
    return new RetryPolicy(maxAttempts, initial, max, factor, maxRetryAfter, sleeper, random);
  }

  public RetryPolicy withMaxRetryAfter(Duration max) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, max, sleeper, random);
  }

  public RetryPolicy withSleeper(Sleeper s) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, maxRetryAfter, s, random);
  }

  public RetryPolicy withRandom(Random r) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, maxRetryAfter, sleeper, r);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code call}, retrying retryable {@link LlmException}s.
   *
   * @throws LlmException the last failure, when it is not retryable or the attempts are used up
   */
  public <T> T execute(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (LlmException e) {
        if (!e.retryable() || attempt >= maxAttempts) throw e;
        Duration wait = waitBefore(attempt + 1, e);
        LOG.warn("LLM call failed ({}), retry {}/{} in {} ms", describe(e), attempt, maxAttempts - 1, wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new LlmException("interrupted while waiting to retry: " + e.getMessage(), false, e.status(), e);
        }
      }
    }
  }

  /**
   * The wait before attempt {@code nextAttempt} (2 for the first retry) after {@code failure}.
   *
   * @throws LlmException {@code failure} itself when its Retry-After exceeds {@code maxRetryAfter}
   */
  Duration waitBefore(int nextAttempt, LlmException failure) {
    if (failure instanceof RetryAfterException ra) {
      if (ra.retryAfter().compareTo(maxRetryAfter) > 0) {
        throw new LlmException(failure.getMessage() + " (server asked to retry after " + ra.retryAfter().toSeconds()
            + " s, more than the " + maxRetryAfter.toSeconds() + " s this client waits)", false, failure.status(), failure);
      }
      return ra.retryAfter();
    }
    double step = initialDelay.toMillis() * Math.pow(multiplier, nextAttempt - 2);
    long capped = (long) Math.min(step, maxDelay.toMillis());
    long half = capped / 2;
    long jittered = half + (capped - half == 0 ? 0 : (long) (random.nextDouble() * (capped - half + 1)));
    return Duration.ofMillis(Math.min(jittered, capped));
  }

  private static String describe(LlmException e) {
    return e.status() == 0 ? "no answer: " + e.getMessage() : "status " + e.status();
  }
}
