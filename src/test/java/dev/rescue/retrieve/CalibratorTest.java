package dev.rescue.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.index.Hit;
import dev.rescue.model.FusionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratorTest {
  private final Calibrator calibrator = new Calibrator(null, null, null, null);

  /** A labelled task whose CWE is fifth by similarity but the most common of the five. */
  private static Calibrator.Prepared commonWeaknessFifth() {
    return new Calibrator.Prepared("CWE-79", List.of(new Hit("CWE-1333", 0.700), new Hit("CWE-643", 0.695),
        new Hit("CWE-117", 0.690), new Hit("CWE-116", 0.689), new Hit("CWE-79", 0.685)), List.of(), Double.NaN, Double.NaN);
  }

  private static Calibrator.Prepared neutral(double best) {
    return new Calibrator.Prepared(null, List.of(new Hit("CWE-20", best)), List.of(), Double.NaN, Double.NaN);
  }

  @Test
  void choosesAPrevalenceWeightWhenItLiftsHitAt4AndGatesThatKeepNeutralTasksOut() {
    List<Calibrator.Prepared> tasks = List.of(commonWeaknessFifth(), commonWeaknessFifth(), neutral(0.55), neutral(0.50));

    Calibrator.Result r = calibrator.search(tasks, FusionPolicy.paperDefaults(), 0.9, s -> {});

    assertThat(r.table().get(0).hit4()).isEqualTo(1.0);
    assertThat(r.table().get(0).abstention()).isEqualTo(1.0);
    assertThat(r.chosen().prevalenceWeight()).isPositive();
    assertThat(r.chosen().tauCause()).isGreaterThanOrEqualTo(0.55).isLessThan(0.685);
  }

  @Test
  void keepsThePriorOffWhenSimilarityAloneFindsTheWeakness() {
    Calibrator.Prepared clear = new Calibrator.Prepared("CWE-1333", commonWeaknessFifth().cause(), List.of(),
        Double.NaN, Double.NaN);

    Calibrator.Result r = calibrator.search(List.of(clear, neutral(0.5)), FusionPolicy.paperDefaults(), 0.9, s -> {});

    assertThat(r.chosen().prevalenceWeight()).isZero();
    assertThat(r.table().get(0).hit1()).isEqualTo(1.0);
  }

  @Test
  void holdsTheAbstentionFloorForEachNeutralSetNotOnlyForTheirMix() {
    List<Calibrator.Prepared> tasks = new java.util.ArrayList<>();
    tasks.add(commonWeaknessFifth());
    // nine prose tasks far below any gate, one set of code prefixes that reads like weaknesses (0.60)
    for (int i = 0; i < 9; i++) tasks.add(inGroup(neutral(0.30), "prose"));
    tasks.add(inGroup(neutral(0.60), "code"));

    Calibrator.Point mixed = calibrator.evaluate(tasks, FusionPolicy.paperDefaults().withTaus(0.5, 4.0, 0.65), 0.9);
    Calibrator.Result r = calibrator.search(tasks, FusionPolicy.paperDefaults(), 0.9, s -> {});

    // over the mix 9 of 10 abstain at tau 0.5, but the code set does not: the point is infeasible
    assertThat(mixed.abstention()).isZero();
    assertThat(mixed.feasible()).isFalse();
    assertThat(r.chosen().tauCause()).isGreaterThanOrEqualTo(0.60);
  }

  private static Calibrator.Prepared inGroup(Calibrator.Prepared p, String group) {
    return new Calibrator.Prepared(p.gold(), p.facets(), p.bestCode(), group);
  }
}
