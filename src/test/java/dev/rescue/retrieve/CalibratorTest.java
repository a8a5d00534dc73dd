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

  /** A neutral task given as code: quiet (no security signal) or not. */
  private static Calibrator.Prepared neutralCode(double best, boolean quiet, String group) {
    return new Calibrator.Prepared(null, new CweRetriever.TaskFacets(
        java.util.Map.of(dev.rescue.model.Facet.CAUSE, List.of(new Hit("CWE-20", best))), Double.NaN, quiet), Double.NaN, group);
  }

  private static Calibrator.Prepared labelledCode(String gold, double score, boolean quiet) {
    return new Calibrator.Prepared(gold, new CweRetriever.TaskFacets(java.util.Map.of(dev.rescue.model.Facet.CAUSE,
        List.of(new Hit(gold, score), new Hit("CWE-1333", score - 0.01))), Double.NaN, quiet), Double.NaN, "");
  }

  @Test
  void raisesTheGateOfQuietCodeWhenThatKeepsOrdinaryPrefixesOutAndFindsTheSignalledWeaknesses() {
    List<Calibrator.Prepared> tasks = new java.util.ArrayList<>();
    // ordinary prefixes score 0.60 against a cause, as high as the security prefixes that carry signals
    for (int i = 0; i < 10; i++) tasks.add(neutralCode(0.60, true, "code"));
    for (int i = 0; i < 5; i++) tasks.add(labelledCode("CWE-79", 0.60, false));

    Calibrator.Result r = calibrator.search(tasks, FusionPolicy.paperDefaults(), 0.9, s -> {});

    // no single cause tau separates them; a quiet-code margin does
    assertThat(r.table().get(0).hit4()).isEqualTo(1.0);
    assertThat(r.table().get(0).abstention()).isEqualTo(1.0);
    assertThat(r.chosen().quietCodeMargin()).isNotNull();
    assertThat(r.chosen().tauCause()).isLessThan(0.60);
    assertThat(r.chosen().tauCause() + r.chosen().quietCodeMargin()).isGreaterThanOrEqualTo(0.60);
  }

  @Test
  void theSweepOverStoredOutcomesAgreesWithFusingEveryTaskAgain() {
    java.util.Random rnd = new java.util.Random(7);
    List<Calibrator.Prepared> tasks = new java.util.ArrayList<>();
    String[] cwes = {"CWE-79", "CWE-89", "CWE-22", "CWE-78", "CWE-20", "CWE-1333", "CWE-643"};
    for (int i = 0; i < 60; i++) {
      List<Hit> cause = new java.util.ArrayList<>();
      for (String c : cwes) cause.add(new Hit(c, 0.40 + rnd.nextInt(40) / 100.0));
      List<Hit> api = rnd.nextBoolean() ? List.of(new Hit(cwes[rnd.nextInt(cwes.length)], 1 + rnd.nextInt(8))) : List.of();
      String gold = i % 3 == 0 ? null : cwes[rnd.nextInt(cwes.length)];
      java.util.Map<dev.rescue.model.Facet, List<Hit>> lists = new java.util.EnumMap<>(dev.rescue.model.Facet.class);
      lists.put(dev.rescue.model.Facet.CAUSE, cause);
      if (!api.isEmpty()) lists.put(dev.rescue.model.Facet.API, api);
      tasks.add(new Calibrator.Prepared(gold, new CweRetriever.TaskFacets(lists, 0.45 + rnd.nextInt(30) / 100.0, i % 2 == 0),
          Double.NaN, "set" + i % 2));
    }
    Calibrator withNeutral = Calibrator.ofPreparedTasks(true);
    Calibrator.Result r = withNeutral.search(tasks, FusionPolicy.paperDefaults(), 0.5, s -> {});

    assertThat(r.table().stream().map(Calibrator.Point::quietCodeMargin).distinct().count()).isGreaterThan(2);
    for (int i = 0; i < r.table().size(); i += r.table().size() / 300) {
      Calibrator.Point p = r.table().get(i);
      FusionPolicy policy = FusionPolicy.paperDefaults().withTaus(p.tauCause(), p.tauApi(), 0.65)
          .withNeutralMargin(p.neutralMargin()).withPrevalenceWeight(p.prevalenceWeight()).withQuietCodeMargin(p.quietCodeMargin());
      Calibrator.Point again = withNeutral.evaluate(tasks, policy, 0.5);
      assertThat(again.hit1()).as("%s", p).isEqualTo(p.hit1());
      assertThat(again.hit4()).as("%s", p).isEqualTo(p.hit4());
      assertThat(again.abstentionBySet()).as("%s", p).isEqualTo(p.abstentionBySet());
    }
  }
}
