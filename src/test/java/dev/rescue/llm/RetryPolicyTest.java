package dev.rescue.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final List<Duration> waits = new ArrayList<>();
  private final RetryPolicy policy = RetryPolicy.defaults()
      .withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0)
      .withSleeper(waits::add)
      .withRandom(new Random(42));

  @Test
  void retryableFailuresAreRetriedUntilSuccess() {
    AtomicInteger attempts = new AtomicInteger();

    String result = policy.withMaxAttempts(4).execute(() -> {
      if (attempts.incrementAndGet() < 3) throw new LlmException("boom", true, 500);
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void nonRetryableFailuresAreThrownAtOnce() {
    AtomicInteger attempts = new AtomicInteger();

    LlmException e = catchThrowableOfType(LlmException.class, () -> policy.execute(() -> {
      attempts.incrementAndGet();
      throw new LlmException("bad request", false, 400);
    }));

    assertThat(e.status()).isEqualTo(400);
    assertThat(attempts).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();

    LlmException e = catchThrowableOfType(LlmException.class, () -> policy.withMaxAttempts(3).execute(() -> {
      throw new LlmException("down " + attempts.incrementAndGet(), true, 503);
    }));

    assertThat(attempts).hasValue(3);
    assertThat(e.getMessage()).isEqualTo("down 3");
  }

  @Test
  void backoffGrowsExponentiallyWithJitterWithinEachStepAndIsCapped() {
    LlmException failure = new LlmException("x", true, 500);
    for (int next = 2; next <= 8; next++) {
      long step = Math.min(100L << (next - 2), 1000L);
      Duration wait = policy.waitBefore(next, failure);
      assertThat(wait.toMillis()).as("wait before attempt %d", next).isBetween(step / 2, step);
    }
  }

  @Test
  void jitterSpreadsParallelCallers() {
    LlmException failure = new LlmException("x", true, 429);
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) seen.add(policy.waitBefore(4, failure).toMillis());

    assertThat(seen.stream().distinct().count()).isGreaterThan(5);
  }

  @Test
  void retryAfterReplacesTheComputedWait() {
    AtomicInteger attempts = new AtomicInteger();

    policy.execute(() -> {
      if (attempts.incrementAndGet() == 1) throw new RetryAfterException("429", 429, Duration.ofSeconds(7));
      return "ok";
    });

    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterLongerThanTheMaximumFailsAtOnceSayingSo() {
    LlmException e = catchThrowableOfType(LlmException.class, () -> policy.withMaxRetryAfter(Duration.ofSeconds(60)).execute(() -> {
      throw new RetryAfterException("429", 429, Duration.ofHours(1));
    }));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("3600 s");
    assertThat(waits).isEmpty();
  }
}
