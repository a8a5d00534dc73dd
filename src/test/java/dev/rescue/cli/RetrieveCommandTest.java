package dev.rescue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetrieveCommandTest {
  @Test
  void aBatchKeepsEveryTasksQueryVectorWithinTheCap() {
    assertThat(RetrieveCommand.queryCache(1)).isEqualTo(KbOptions.QUERY_CACHE);
    assertThat(RetrieveCommand.queryCache(1_502)).isEqualTo(1_502);
    assertThat(RetrieveCommand.queryCache(10_000_000)).isEqualTo(RetrieveCommand.MAX_QUERY_CACHE);
  }
}
