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
}
