package dev.rescue.retrieve.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.index.Hit;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GatedRrfFuserTest {
  private static final FusionPolicy PAPER = FusionPolicy.paperDefaults(); // alpha 60, cap 10, cause .75, api 4.0
  private final GatedRrfFuser fuser = new GatedRrfFuser();

  @Test
  void sumsReciprocalRanksOfFacetsThatPassTheirGates() {
    List<Fused> fused = fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("CWE-502", 0.90), new Hit("CWE-20", 0.80)),
        Facet.API, List.of(new Hit("CWE-20", 9.0), new Hit("CWE-502", 7.0))), PAPER);

    // both pass both gates: CWE-502 = 1/61 + 1/62, CWE-20 = 1/62 + 1/61: a tie, broken by id
    assertThat(fused).extracting(Fused::id).containsExactly("CWE-20", "CWE-502");
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
  }

  @Test
  void facetBelowItsThresholdContributesNothing() {
    List<Fused> fused = fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("CWE-502", 0.74), new Hit("CWE-89", 0.70)),
        Facet.API, List.of(new Hit("CWE-89", 4.5))), PAPER);

    assertThat(fused).extracting(Fused::id).containsExactly("CWE-89");
    // CWE-89 is rank 2 for cause (failed gate) and rank 1 for api (passed)
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 61, within(1e-12));
    assertThat(fused.get(0).facets().get(Facet.CAUSE).passed()).isFalse();
    assertThat(fused.get(0).facets().get(Facet.CAUSE).rank()).isEqualTo(2);
  }

  @Test
  void scoreEqualToThresholdDoesNotPass() {
    assertThat(fuser.fuse(Map.of(Facet.API, List.of(new Hit("CWE-78", 4.0))), PAPER)).isEmpty();
  }

  @Test
  void ranksByTheRankingScoreButGatesOnTheRawScore() {
    // CWE-89 has the lower similarity but a prior lifts it to rank 1; CWE-1 ranks first by raw score
    // yet stays below the gate however the prior ranks it
    List<Fused> fused = fuser.fuse(Map.of(Facet.CAUSE, List.of(
        new Hit("CWE-502", 0.80, 0.80),
        new Hit("CWE-89", 0.78, 0.83),
        new Hit("CWE-1", 0.74, 0.90))), PAPER);

    assertThat(fused).extracting(Fused::id).containsExactly("CWE-89", "CWE-502");
    assertThat(fused.get(0).facets().get(Facet.CAUSE).rank()).isEqualTo(2);
    assertThat(fused.get(0).facets().get(Facet.CAUSE).score()).isEqualTo(0.78);
    assertThat(fused.get(1).facets().get(Facet.CAUSE).rank()).isEqualTo(3);
  }

  @Test
  void rankElevenContributesNothing() {
    List<Hit> cause = new ArrayList<>();
    for (int i = 1; i <= 11; i++) cause.add(new Hit("CWE-" + i, 1.0 - i * 0.01));
    List<Fused> fused = fuser.fuse(Map.of(Facet.CAUSE, cause), PAPER);

    assertThat(fused).hasSize(10);
    assertThat(fused).extracting(Fused::id).doesNotContain("CWE-11");
  }

  @Test
  void entryWithZeroRrfIsDroppedAndNothingPassingMeansAbstention() {
    assertThat(fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("CWE-79", 0.5)),
        Facet.API, List.of(new Hit("CWE-79", 1.0))), PAPER)).isEmpty();
    assertThat(fuser.fuse(Map.of(), PAPER)).isEmpty();
  }

  // alpha 0 makes ties exact in binary: 1/2 = 1/4 + 1/4 and 1 + 1/4 + 1/4 = 1/2 + 1/2 + 1/2
  private static final FusionPolicy ALPHA_0 = new FusionPolicy(0, 10, 4, 0.75, 4.0, 0.65, 1, 3, null, 0);

  @Test
  void equalRrfIsBrokenByFacetsPassedThenByIdAtTheSameBestRank() {
    // Y: cause rank 4 + api rank 4 = 1/2 over two facets; X: cause rank 2 = 1/2 and G2: api rank 2 = 1/2,
    // one facet each at best rank 2, so their id decides. Y's worse best rank and later id would put
    // it last if the count of facets passed did not come first.
    List<Fused> fused = fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("F1", 0.99), new Hit("X", 0.98), new Hit("F3", 0.97), new Hit("Y", 0.96)),
        Facet.API, List.of(new Hit("G1", 9.0), new Hit("G2", 8.0), new Hit("G3", 7.0), new Hit("Y", 6.0))), ALPHA_0);

    assertThat(fused).extracting(Fused::id).containsExactly("F1", "G1", "Y", "G2", "X", "F3", "G3");
    assertThat(fused.get(2).score()).isEqualTo(fused.get(3).score()).isEqualTo(fused.get(4).score());
  }

  @Test
  void equalRrfAndFacetCountIsBrokenByTheBestRankBeforeTheId() {
    // Z: ranks 1, 4, 4 = 3/2; A: ranks 2, 2, 2 = 3/2; both pass three facets. Z's best rank (1) puts it
    // first although its id sorts last.
    List<Fused> fused = fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("Z", 0.99), new Hit("A", 0.98)),
        Facet.API, List.of(new Hit("P1", 9.0), new Hit("A", 8.0), new Hit("P3", 7.0), new Hit("Z", 6.0)),
        Facet.CODE, List.of(new Hit("Q1", 0.99), new Hit("A", 0.98), new Hit("Q3", 0.97), new Hit("Z", 0.96))),
        ALPHA_0);

    List<String> ids = fused.stream().map(Fused::id).toList();
    assertThat(ids.indexOf("Z")).isLessThan(ids.indexOf("A"));
    assertThat(fused.get(ids.indexOf("Z")).score()).isEqualTo(fused.get(ids.indexOf("A")).score());
  }

  @Test
  void equalScoresWithinAFacetAreRankedById() {
    assertThat(fuser.fuse(Map.of(
        Facet.CAUSE, List.of(new Hit("B", 0.95), new Hit("A", 0.95))), PAPER))
        .extracting(Fused::id).containsExactly("A", "B");
  }

  @Test
  void neutralMarginRaisesTheCauseGateForTasksThatLookOrdinary() {
    FusionPolicy withMargin = PAPER.withTaus(0.5, 4.0, 0.65).withNeutralMargin(-0.1);
    Map<Facet, List<Hit>> lists = Map.of(Facet.CAUSE, List.of(new Hit("CWE-22", 0.70)));
    // nearest neutral task at 0.75: gate max(0.5, 0.65) = 0.65, passed
    assertThat(fuser.fuse(lists, withMargin.forTask(0.75))).hasSize(1);
    // nearest neutral task at 0.85: gate 0.75, failed
    assertThat(fuser.fuse(lists, withMargin.forTask(0.85))).isEmpty();
    // margin off, or similarity unknown: the fixed tau alone
    assertThat(withMargin.withNeutralMargin(null).forTask(0.99)).isEqualTo(withMargin.withNeutralMargin(null));
    assertThat(withMargin.forTask(Double.NaN)).isEqualTo(withMargin);
  }

  @Test
  void orderOfFacetListsDoesNotMatter() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("GatedRrfFuserTest seed " + seed);
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      Map<Facet, List<Hit>> lists = randomLists(rnd);
      Map<Facet, List<Hit>> shuffled = new EnumMap<>(Facet.class);
      lists.forEach((f, l) -> {
        List<Hit> copy = new ArrayList<>(l);
        Collections.shuffle(copy, rnd);
        shuffled.put(f, copy);
      });
      assertThat(fuser.fuse(shuffled, PAPER)).as("seed %d round %d", seed, round)
          .isEqualTo(fuser.fuse(lists, PAPER));
    }
  }

  @Test
  void raisingAThresholdOnlyRemovesEntries() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("GatedRrfFuserTest seed " + seed);
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      Map<Facet, List<Hit>> lists = randomLists(rnd);
      FusionPolicy low = PAPER.withTaus(rnd.nextDouble(), rnd.nextDouble() * 8, rnd.nextDouble());
      FusionPolicy high = low.withTaus(low.tauCause() + rnd.nextDouble() * 0.2,
          low.tauApi() + rnd.nextDouble() * 2, low.tauCode() + rnd.nextDouble() * 0.2);
      Set<String> before = ids(fuser.fuse(lists, low));
      Set<String> after = ids(fuser.fuse(lists, high));
      assertThat(before).as("seed %d round %d", seed, round).containsAll(after);
    }
  }

  private static Set<String> ids(List<Fused> fused) {
    return fused.stream().map(Fused::id).collect(Collectors.toSet());
  }

  private static Map<Facet, List<Hit>> randomLists(Random rnd) {
    Map<Facet, List<Hit>> lists = new EnumMap<>(Facet.class);
    for (Facet f : Facet.values()) {
      List<Hit> hits = new ArrayList<>();
      int n = rnd.nextInt(15);
      for (int i = 0; i < n; i++) {
        double score = f == Facet.API ? rnd.nextDouble() * 10 : rnd.nextDouble();
        hits.add(new Hit("CWE-" + rnd.nextInt(30), score));
      }
      lists.put(f, hits);
    }
    return lists;
  }
}
