package dev.rescue.retrieve.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.index.Hit;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrevalenceTest {
  private final List<Hit> similarities = List.of(new Hit("CWE-1333", 0.70), new Hit("CWE-79", 0.69),
      new Hit("CWE-89", 0.68), new Hit("CWE-306", 0.60));

  @Test
  void commonWeaknessesRankHigherButKeepTheirSimilarityForTheGate() {
    List<Hit> ranked = Prevalence.rank(similarities, 0.05);

    // CWE-79 is first of the 2024 Top 25, CWE-89 third, CWE-306 last; CWE-1333 is not in it
    assertThat(ranked).extracting(Hit::score).containsExactly(0.70, 0.69, 0.68, 0.60);
    assertThat(ranked.get(0).rankScore()).isEqualTo(0.70);
    assertThat(ranked.get(1).rankScore()).isCloseTo(0.69 + 0.05, within(1e-12));
    assertThat(ranked.get(2).rankScore()).isCloseTo(0.68 + 0.05 * 23 / 25, within(1e-12));
    assertThat(ranked.get(3).rankScore()).isCloseTo(0.60 + 0.05 / 25, within(1e-12));
  }

  @Test
  void thePriorAddsToTheRankingScoreTheFacetGaveNotToTheGateScore() {
    // the cause facet ranks by more than its gate reads (the cause passages): the prior must keep that
    List<Hit> facet = List.of(new Hit("CWE-79", 0.60, 0.75), new Hit("CWE-1333", 0.70, 0.65));

    List<Hit> ranked = Prevalence.rank(facet, 0.05);

    assertThat(ranked).extracting(Hit::score).containsExactly(0.60, 0.70);
    assertThat(ranked.get(0).rankScore()).isCloseTo(0.75 + 0.05, within(1e-12));
    assertThat(ranked.get(1).rankScore()).isEqualTo(0.65);
  }

  @Test
  void weightZeroLeavesTheRankingToSimilarity() {
    assertThat(Prevalence.rank(similarities, 0)).allSatisfy(h -> assertThat(h.rankScore()).isEqualTo(h.score()));
  }
}
