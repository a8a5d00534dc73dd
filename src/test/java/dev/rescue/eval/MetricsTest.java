package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.model.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void passAtOneIsTheShareOfPassingSamples() {
    assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void passAtFiveMatchesTheBinomialFormulaByHand() {
    // 1 - C(7,5)/C(10,5) = 1 - 21/252
    assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252.0, within(1e-12));
  }

  @Test
  void passAtKIsOneWhenTooFewFailuresToFillKDraws() {
    assertThat(PassAtK.estimate(10, 8, 3)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(5, 0, 2)).isEqualTo(0.0);
  }

  @Test
  void passAtKRejectsMoreKThanSamples() {
    assertThatThrownBy(() -> PassAtK.estimate(3, 1, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=5");
  }

  @Test
  void wilsonIntervalOfEightInTenMatchesTheTextbookValue() {
    WilsonInterval w = WilsonInterval.of(8, 10);
    assertThat(w.low()).isCloseTo(0.4902, within(1e-4));
    assertThat(w.high()).isCloseTo(0.9433, within(1e-4));
  }

  @Test
  void wilsonIntervalOfNoTrialsIsTheWholeRange() {
    assertThat(WilsonInterval.of(0, 0)).isEqualTo(new WilsonInterval(0, 1));
  }

  private static SampleResult r(String task, int sample, Functional f, Boolean secure) {
    return new SampleResult("none", task, sample, Language.PYTHON, "CWE-22", f, secure, "x", List.of(), null, 1);
  }

  @Test
  void scoresAverageThePerTaskEstimatesAndLeaveErrorsOut() {
    List<SampleResult> rs = List.of(
        r("a", 0, Functional.PASS, true), r("a", 1, Functional.FAIL, true),
        r("b", 0, Functional.PASS, true), r("b", 1, Functional.PASS, false),
        r("c", 0, Functional.ERROR, null));
    Scores s = Scores.of(rs, List.of(1, 2));
    assertThat(s.tasks()).isEqualTo(2);
    assertThat(s.samples()).isEqualTo(4);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.pass(1)).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
    assertThat(s.securePass(1)).isCloseTo((0.5 + 0.5) / 2, within(1e-12));
    // task a: 1 of 2 pass -> pass@2 = 1; task b: 2 of 2 -> 1
    assertThat(s.pass(2)).isEqualTo(1.0);
    // secure-pass@2: a has 1 secure pass of 2 -> 1, b has 1 of 2 -> 1
    assertThat(s.securePass(2)).isEqualTo(1.0);
    assertThat(s.secureRate()).isCloseTo(3.0 / 4, within(1e-12));
  }

  @Test
  void retentionIsPassAtOneOverThatOfTheLlmAlone() {
    List<SampleResult> none = List.of(r("a", 0, Functional.PASS, true), r("b", 0, Functional.PASS, true));
    List<SampleResult> rescue = List.of(
        new SampleResult("rescue", "a", 0, Language.PYTHON, null, Functional.PASS, true, "x", List.of(), null, 1),
        new SampleResult("rescue", "b", 0, Language.PYTHON, null, Functional.FAIL, true, "x", List.of(), null, 1));
    assertThat(EvalReport.retention(none, rescue, List.of(1))).isCloseTo(0.5, within(1e-12));
  }
}
