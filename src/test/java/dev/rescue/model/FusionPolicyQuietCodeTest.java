package dev.rescue.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FusionPolicyQuietCodeTest {
  private final FusionPolicy gates = FusionPolicy.paperDefaults().withTaus(0.46, 3.0, 0.66).withNeutralMargin(-0.14);

  @Test
  void quietCodeRaisesTheCauseGateByItsMarginOnTopOfTheNeutralOne() {
    FusionPolicy q = gates.withQuietCodeMargin(0.08);
    assertThat(q.forTask(0.70, false).tauCause()).isCloseTo(0.56, within(1e-9));
    assertThat(q.forTask(0.70, true).tauCause()).isCloseTo(0.64, within(1e-9));
    // below the neutral term the fixed tau holds, and the margin still adds to it
    assertThat(q.forTask(0.50, true).tauCause()).isCloseTo(0.54, within(1e-9));
    assertThat(q.forTask(Double.NaN, false)).isSameAs(q);
  }

  @Test
  void offLeavesQuietCodeAlone() {
    assertThat(gates.forTask(0.70, true).tauCause()).isEqualTo(gates.forTask(0.70, false).tauCause());
  }

  @Test
  void aNegativeMarginIsRejected() {
    assertThatThrownBy(() -> gates.withQuietCodeMargin(-0.01)).hasMessageContaining("quietCodeMargin");
  }
}
