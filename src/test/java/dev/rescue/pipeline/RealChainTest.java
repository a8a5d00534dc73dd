package dev.rescue.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealChainTest {
  private final PipelineContext start = PipelineContext.start(new Task("t", "parse a file", null, null),
      PipelineOptions.defaults());

  private static Stage named(String name, Stage body) {
    return stage(name, false, body);
  }

  private static Stage stage(String name, boolean retrieval, Stage body) {
    return new Stage() {
      @Override
      public PipelineContext process(PipelineContext ctx, Chain chain) {
        return body.process(ctx, chain);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean retrieval() {
        return retrieval;
      }
    };
  }

  @Test
  void runsStagesInOrder() {
    List<String> seen = new ArrayList<>();
    RealChain.run(List.of(
        named("a", (c, ch) -> { seen.add("a"); return ch.proceed(c); }),
        named("b", (c, ch) -> { seen.add("b"); return ch.proceed(c); })), start);
    assertThat(seen).containsExactly("a", "b");
  }

  @Test
  void stageThatDoesNotProceedShortCircuitsTheRest() {
    List<String> seen = new ArrayList<>();
    PipelineContext out = RealChain.run(List.of(
        named("cache", (c, ch) -> c.withCwes(List.of(), List.of("cached"))),
        named("never", (c, ch) -> { seen.add("never"); return ch.proceed(c); })), start);
    assertThat(seen).isEmpty();
    assertThat(out.abstentionReasons()).containsExactly("cached");
  }

  @Test
  void proceedingTwiceIsRejectedNamingTheStage() {
    assertThatThrownBy(() -> RealChain.run(List.of(
        named("greedy", (c, ch) -> { ch.proceed(c); return ch.proceed(c); }),
        named("last", (c, ch) -> ch.proceed(c))), start))
        .hasMessageContaining("greedy").hasMessageContaining("more than once");
  }

  @Test
  void returningNullIsRejectedNamingTheStage() {
    assertThatThrownBy(() -> RealChain.run(List.of(named("sloppy", (c, ch) -> null)), start))
        .hasMessageContaining("sloppy").hasMessageContaining("null");
  }

  @Test
  void failureInsideAStageNamesIt() {
    assertThatThrownBy(() -> RealChain.run(List.of(
        named("fine", (c, ch) -> ch.proceed(c)),
        named("broken", (c, ch) -> { throw new IllegalArgumentException("bad input"); })), start))
        .isInstanceOf(PipelineException.class)
        .hasMessage("broken: bad input");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theChainCountsARetrievalStagesOwnTimeWithoutTheStagesAfterIt() {
    PipelineContext out = RealChain.run(List.of(
        named("analysis", (c, ch) -> { sleep(300); return ch.proceed(c); }),
        stage("retrieval", true, (c, ch) -> { sleep(20); return ch.proceed(c); }),
        named("generation", (c, ch) -> { sleep(1_500); return ch.proceed(c); })), start);
    assertThat(out.retrievalNanos()).isBetween(20_000_000L, 1_000_000_000L);
  }

  @Test
  void stagesThatAreNotRetrievalAddNoRetrievalTime() {
    PipelineContext out = RealChain.run(List.of(named("analysis", (c, ch) -> { sleep(20); return ch.proceed(c); })), start);
    assertThat(out.retrievalNanos()).isZero();
  }
}
