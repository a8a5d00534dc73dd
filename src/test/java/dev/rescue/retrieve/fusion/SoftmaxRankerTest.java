package dev.rescue.retrieve.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxRankerTest {
  /** Tasks whose right candidate was drawn from a known softmax model: the fit must find that model again. */
  private static List<SoftmaxRanker.Group> drawnFrom(double[] truth, int tasks, long seed) {
    Random r = new Random(seed);
    List<SoftmaxRanker.Group> groups = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int n = 3 + r.nextInt(5);
      List<double[]> xs = new ArrayList<>();
      for (int c = 0; c < n; c++) xs.add(new double[] {r.nextGaussian(), r.nextGaussian(), r.nextInt(2)});
      double[] p = SoftmaxRanker.probabilities(xs, truth);
      double u = r.nextDouble(), acc = 0;
      int gold = n - 1;
      for (int c = 0; c < n; c++) {
        acc += p[c];
        if (u < acc) {
          gold = c;
          break;
        }
      }
      groups.add(new SoftmaxRanker.Group(xs, gold));
    }
    return groups;
  }

  @Test
  void recoversTheWeightsThatGeneratedTheChoices() {
    double[] truth = {2.0, -1.0, 0.5};
    double[] w = SoftmaxRanker.fit(drawnFrom(truth, 4000, 7), 3, 0);

    assertThat(w[0]).isCloseTo(2.0, within(0.15));
    assertThat(w[1]).isCloseTo(-1.0, within(0.15));
    assertThat(w[2]).isCloseTo(0.5, within(0.2));
  }

  @Test
  void theFitIsCalibratedOnItsOwnData() {
    // at the maximum-likelihood point the mean predicted probability of the right candidate's
    // feature matches its observed mean (the gradient is zero): predicted = observed per feature
    List<SoftmaxRanker.Group> groups = drawnFrom(new double[] {1.0, 0.0, 1.0}, 1500, 11);
    double[] w = SoftmaxRanker.fit(groups, 3, 0);
    double predicted = 0, observed = 0;
    for (SoftmaxRanker.Group g : groups) {
      double[] p = SoftmaxRanker.probabilities(g.candidates(), w);
      for (int c = 0; c < p.length; c++) predicted += p[c] * g.candidates().get(c)[2];
      observed += g.candidates().get(g.gold())[2];
    }
    assertThat(predicted).isCloseTo(observed, within(1e-4 * groups.size()));
  }

  @Test
  void theSameTasksGiveTheSameWeightsAndThePenaltyShrinksThem() {
    List<SoftmaxRanker.Group> groups = drawnFrom(new double[] {3.0, 0.0, 0.0}, 300, 3);
    double[] a = SoftmaxRanker.fit(groups, 3, 0.01);
    double[] b = SoftmaxRanker.fit(groups, 3, 0.01);
    double[] strong = SoftmaxRanker.fit(groups, 3, 1.0);

    assertThat(a).containsExactly(b);
    assertThat(Math.abs(strong[0])).isLessThan(Math.abs(a[0]));
    assertThat(SoftmaxRanker.loss(groups, a, 0)).isLessThan(SoftmaxRanker.loss(groups, new double[3], 0));
  }

  @Test
  void aGroupOfWeightTwoCountsAsTheSameTaskTwice() {
    List<SoftmaxRanker.Group> groups = drawnFrom(new double[] {1.5, -0.5, 0.0}, 200, 5);
    List<SoftmaxRanker.Group> doubled = new ArrayList<>(groups);
    List<SoftmaxRanker.Group> weighted = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      SoftmaxRanker.Group g = groups.get(i);
      if (i % 3 == 0) doubled.add(g);
      weighted.add(new SoftmaxRanker.Group(g.candidates(), g.gold(), i % 3 == 0 ? 2 : 1));
    }
    double[] a = SoftmaxRanker.fit(doubled, 3, 0.01);
    double[] b = SoftmaxRanker.fit(weighted, 3, 0.01);
    double[] plain = SoftmaxRanker.fit(groups, 3, 0.01);

    for (int i = 0; i < 3; i++) assertThat(b[i]).isCloseTo(a[i], within(1e-8));
    assertThat(Math.abs(b[0] - plain[0]) + Math.abs(b[1] - plain[1])).isGreaterThan(1e-4); // the weights mattered
  }

  @Test
  void aGroupWeightMustBeAboveZero() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SoftmaxRanker.Group(List.of(new double[] {1}), 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
  }

  @Test
  void probabilitiesSumToOneAndFollowTheScore() {
    double[] p = SoftmaxRanker.probabilities(List.of(new double[] {1}, new double[] {0}, new double[] {3}), new double[] {1});

    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    assertThat(p[2]).isGreaterThan(p[0]);
    assertThat(p[0]).isGreaterThan(p[1]);
  }

  @Test
  void solvesALinearSystem() {
    double[] x = SoftmaxRanker.solve(new double[][] {{0, 2}, {3, 1}}, new double[] {4, 5});

    assertThat(x[0]).isCloseTo(1.0, within(1e-12));
    assertThat(x[1]).isCloseTo(2.0, within(1e-12));
  }
}
