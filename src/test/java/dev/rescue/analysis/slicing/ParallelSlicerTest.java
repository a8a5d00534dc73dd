package dev.rescue.analysis.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelSlicerTest {
  private final ParallelSlicer slicer = new ParallelSlicer(2);

  private static VulnFixPair pair(Language language, String before, String after, List<Integer> deleted, List<Integer> added) {
    return new VulnFixPair("t:1", "CWE-78", language, "f", before, after, deleted, added, null, null, null);
  }

  @Test
  void slicesDifferOnlyWhereTheFixDiffers() {
    String before = String.join("\n",
        "def f(cmd, n):",
        "    a = 1",
        "    b = 2",
        "    c = 3",
        "    d = 4",
        "    e = 5",
        "    os.system(cmd)",
        "    return n");
    String after = before.replace("    os.system(cmd)", "    subprocess.run([cmd])");
    ParallelSlice s = slicer.slice(pair(Language.PYTHON, before, after, List.of(7), List.of(7)));
    assertThat(s.fallback()).isFalse();
    assertThat(s.vulnerable()).isEqualTo("def f(cmd, n):\n    # ...\n    os.system(cmd)\n    # ...");
    assertThat(s.secure()).isEqualTo(s.vulnerable().replace("os.system(cmd)", "subprocess.run([cmd])"));
    assertThat(s.vulnerablePoi()).containsExactly(7);
    assertThat(s.vulnerableParses()).isTrue();
    assertThat(s.secureParses()).isTrue();
  }

  @Test
  void aContextLineKeptByOneSliceIsKeptByBoth() {
    // Only the fixed version has a point of interest; its guard uses `path`, so the vulnerable
    // slice keeps the unchanged definition of `path` as well.
    String before = "def f(p):\n    x = 1\n    path = norm(p)\n    y = 2\n    return open(path)";
    String after = "def f(p):\n    x = 1\n    path = norm(p)\n    y = 2\n    if bad(path):\n        raise E()\n    return open(path)";
    ParallelSlice s = slicer.slice(pair(Language.PYTHON, before, after, List.of(), List.of(5, 6)));
    assertThat(s.fallback()).isFalse();
    assertThat(s.secure()).contains("    path = norm(p)", "    if bad(path):", "        raise E()");
    assertThat(s.vulnerable()).contains("    path = norm(p)", "    return open(path)").doesNotContain("bad(path)");
    assertThat(s.vulnerable()).doesNotContain("x = 1");
  }

  @Test
  void rubyHasNoFrontEndSoTheWholeFunctionsAreKept() {
    SliceOutcome o = slicer.sliceWithReason(pair(Language.RUBY, "def f\n  a\nend", "def f\n  b\nend", List.of(2), List.of(2)));
    assertThat(o.reason()).isEqualTo(FallbackReason.NO_FRONT_END);
    assertThat(o.slice().fallback()).isTrue();
    assertThat(o.slice().vulnerable()).isEqualTo("def f\n  a\nend");
    assertThat(o.slice().secure()).isEqualTo("def f\n  b\nend");
  }

  @Test
  void codeThatDoesNotParseIsKeptWholeAndMarked() {
    SliceOutcome o = slicer.sliceWithReason(pair(Language.C, "int f( {{{ return", "int f() { return 1; }", List.of(1), List.of(1)));
    assertThat(o.reason()).isEqualTo(FallbackReason.FUNCTION_DOES_NOT_PARSE);
    assertThat(o.slice().fallback()).isTrue();
    assertThat(o.slice().vulnerableParses()).isFalse();
    assertThat(o.slice().secureParses()).isTrue();
  }

  @Test
  void aFiveMegabyteFunctionIsKeptWholeWithoutParsing() {
    String big = "def f():\n" + "    x = 1\n".repeat(560_000);
    SliceOutcome o = slicer.sliceWithReason(pair(Language.PYTHON, big, big + "    y = 2\n", List.of(), List.of(560_002)));
    assertThat(o.reason()).isEqualTo(FallbackReason.TOO_LARGE);
    assertThat(o.slice().fallback()).isTrue();
  }

  @Test
  void anEmptyFunctionDoesNotThrow() {
    SliceOutcome o = slicer.sliceWithReason(pair(Language.PYTHON, "", "x = 1", List.of(), List.of(1)));
    assertThat(o.slice().secure()).contains("x = 1");
    SliceOutcome none = slicer.sliceWithReason(pair(Language.JAVASCRIPT, "", "", List.of(), List.of()));
    assertThat(none.reason()).isEqualTo(FallbackReason.NO_CHANGED_LINES);
  }

  @Test
  void pointsOfInterestOutsideTheFunctionAreIgnoredNotFatal() {
    SliceOutcome o = slicer.sliceWithReason(pair(Language.GO, "func f() {\n\ta()\n}", "func f() {\n\tb()\n}", List.of(99), List.of(-3, 2)));
    assertThat(o.slice().secure()).contains("b()");
  }

  // The three C shapes below made about 7% of SVEN's C pairs fall back to whole functions: the
  // printed slice kept part of a block comment, or an else without its statement.

  @Test
  void aBlockCommentInsideAKeptBlockIsElidedNotHalfKept() {
    String before = String.join("\n",
        "int f(int n)",
        "{",
        "  do",
        "  {",
        "    /*",
        "      Verify the identifier.",
        "    */",
        "    n = read(n);",
        "    use(n);",
        "  } while (n > 0);",
        "  return 0;",
        "}");
    String after = before.replace("    use(n);", "    if (n < 8) return -1;\n    use(n);");
    SliceOutcome o = slicer.sliceWithReason(pair(Language.C, before, after, List.of(), List.of(9)));
    assertThat(o.reason()).isEqualTo(FallbackReason.NONE);
    assertThat(o.slice().secure()).contains("    if (n < 8) return -1;").doesNotContain("Verify the identifier.");
    assertThat(o.slice().vulnerableParses()).isTrue();
  }

  @Test
  void aKeptStatementsTrailingCommentIsKeptToItsEnd() {
    String before = String.join("\n",
        "void f(struct s *d)",
        "{",
        "  a(d);",
        "  b(d);",
        "  d->magic = 0; /* force a clear AFTER the removal from",
        "                   the list */",
        "  c(d);",
        "  e(d);",
        "}");
    String after = before.replace("d->magic = 0;", "d->magic = FREED;");
    SliceOutcome o = slicer.sliceWithReason(pair(Language.C, before, after, List.of(5), List.of(5)));
    assertThat(o.reason()).isEqualTo(FallbackReason.NONE);
    assertThat(o.slice().secure()).contains("  d->magic = FREED; /* force a clear AFTER the removal from\n                   the list */");
  }

  @Test
  void aKeptElseKeepsItsBracelessStatementInsteadOfAdoptingTheNextOne() {
    String before = String.join("\n",
        "int f(int rc, int *p)",
        "{",
        "  if (rc) {",
        "    g(p);",
        "  } else",
        "    h(p);",
        "  k();",
        "  return *p;",
        "}");
    String after = before.replace("    g(p);", "    g(p);\n    p = 0;");
    SliceOutcome o = slicer.sliceWithReason(pair(Language.C, before, after, List.of(), List.of(5)));
    assertThat(o.reason()).isEqualTo(FallbackReason.NONE);
    assertThat(o.slice().secure()).contains("  } else\n    h(p);");
    assertThat(o.slice().vulnerable()).contains("  } else\n    h(p);");
  }
}
