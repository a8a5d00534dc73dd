package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the BigCodeBench harness's outcome line. */
class UnittestOutcomeTest {
  @Test
  void onlyTheLineWithThisRunsNonceCounts() {
    String stdout = "RESCUE-BCB other {\"status\": \"pass\", \"tests\": 1, \"issue_count\": 0}\n"
        + "RESCUE-BCB abc {\"status\": \"fail\", \"tests\": 2, \"issue_count\": 1, \"issues\": "
        + "[{\"test\": \"test_a\", \"kind\": \"error\", \"trace\": \"Traceback\\n  LookupError:\\n  Resource punkt not found.\\n****\\n\"}]}\n";
    UnittestOutcome o = UnittestOutcome.find(stdout, "RESCUE-BCB abc ").orElseThrow();
    assertThat(o.passed()).isFalse();
    assertThat(o.reason()).isEqualTo("test_a error: Resource punkt not found.");
    assertThat(UnittestOutcome.find(stdout, "RESCUE-BCB zzz ")).isEmpty();
    assertThat(UnittestOutcome.find(stdout, "RESCUE-BCB other ").orElseThrow().passed()).isTrue();
  }
}
