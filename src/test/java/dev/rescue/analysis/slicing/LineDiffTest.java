package dev.rescue.analysis.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void anInsertedGuardIsAddedAndEverythingElseMatches() {
    LineDiff d = LineDiff.of("a\nb\nc", "a\nif x:\n  return\nb\nc");
    assertThat(d.deleted()).isEmpty();
    assertThat(d.added()).containsExactly(2, 3);
    assertThat(d.matchInB(2)).isEqualTo(4);
    assertThat(d.matchInA(5)).isEqualTo(3);
  }

  @Test
  void aChangedLineIsDeletedAndAdded() {
    LineDiff d = LineDiff.of("a\nrun(x)\nc", "a\nrun(quote(x))\nc");
    assertThat(d.deleted()).containsExactly(2);
    assertThat(d.added()).containsExactly(2);
    assertThat(d.matchInB(2)).isZero();
    assertThat(d.matchInB(3)).isEqualTo(3);
  }

  @Test
  void emptyTextsHaveNoLines() {
    assertThat(LineDiff.of("", "").deleted()).isEmpty();
    assertThat(LineDiff.of("", "x").added()).containsExactly(1);
    assertThat(LineDiff.lines("a\r\nb\n")).containsExactly("a", "b");
  }

  @Test
  void randomDiffsMatchEqualLinesInOrderAndAreAsLongAsTheLongestCommonSubsequence() {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("LineDiffTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      List<String> a = randomLines(random);
      List<String> b = randomLines(random);
      LineDiff d = LineDiff.of(a, b);
      int matched = 0;
      int lastB = 0;
      for (int i = 1; i <= a.size(); i++) {
        int j = d.matchInB(i);
        if (j == 0) continue;
        assertThat(j).as("seed %d", seed).isGreaterThan(lastB);
        assertThat(a.get(i - 1)).isEqualTo(b.get(j - 1));
        assertThat(d.matchInA(j)).isEqualTo(i);
        lastB = j;
        matched++;
      }
      assertThat(matched).as("seed %d: %s vs %s", seed, a, b).isEqualTo(lcs(a, b));
      assertThat(d.deleted()).hasSize(a.size() - matched);
      assertThat(d.added()).hasSize(b.size() - matched);
    }
  }

  private static List<String> randomLines(Random r) {
    List<String> out = new ArrayList<>();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) out.add(String.valueOf((char) ('a' + r.nextInt(4))));
    return out;
  }

  private static int lcs(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[a.size()][b.size()];
  }
}
