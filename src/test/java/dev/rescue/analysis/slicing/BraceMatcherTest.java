package dev.rescue.analysis.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BraceMatcherTest {

  @Test
  void pairsBracesAcrossLinesIgnoringStringsAndComments() {
    List<String> lines = List.of(
        "int f() {",              // 1
        "  char *s = \"{\";",     // 2
        "  // } not a brace",     // 3
        "  /* { */ if (x)",       // 4
        "  {",                    // 5
        "    g('}');",            // 6
        "  }",                    // 7
        "}");                     // 8
    assertThat(BraceMatcher.pairs(lines)).containsExactlyInAnyOrder(new int[] {5, 7}, new int[] {1, 8});
  }

  @Test
  void unmatchedBracesAreIgnored() {
    assertThat(BraceMatcher.pairs(List.of("}", "{", "x"))).isEmpty();
  }

  @Test
  void linesInsideABlockCommentAreCommentOnlyEvenWithoutALeadingStar() {
    List<String> lines = List.of(
        "int f() {",              // 1
        "  /*",                   // 2
        "    Verify SUN id.",     // 3
        "  */",                   // 4
        "  x = 1; /* runs",       // 5
        "     on */ y = 2;",      // 6
        "  // only a comment",    // 7
        "",                       // 8
        "  s = \"/* not one\";",  // 9
        "}");                     // 10
    java.util.BitSet comments = BraceMatcher.commentOnlyLines(lines);
    assertThat(comments.stream().boxed().toList()).containsExactly(2, 3, 4, 7);
    assertThat(BraceMatcher.multiLineComments(lines)).containsExactly(new int[] {2, 4}, new int[] {5, 6});
  }

  @Test
  void aBlockCommentLeftOpenRunsToTheLastLine() {
    assertThat(BraceMatcher.multiLineComments(List.of("a; /* open", "b", "c"))).containsExactly(new int[] {1, 3});
  }
}
