package dev.rescue.analysis.c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.TreeSitterGrammar;
import dev.rescue.analysis.TreeSitterParsers;
import dev.rescue.analysis.TreeSitterSource;
import org.junit.jupiter.api.Test;

/**
 * The repairs on the shapes real SVEN functions have: each input fails to parse as it is, parses
 * cleanly once repaired, and keeps every line where it was (the slicer maps lines back).
 */
class CMacroRepairTest {

  private static boolean clean(TreeSitterGrammar g, String code) {
    try (TreeSitterSource s = TreeSitterParsers.parse(g, code)) {
      return !s.hasErrors();
    }
  }

  private static String repairedC(String code) {
    assertThat(clean(TreeSitterGrammar.C, code)).as("the input itself must fail").isFalse();
    String fixed = CMacroRepair.repair(code);
    assertThat(fixed.split("\n", -1)).as("one line for one line").hasSameSizeAs(code.split("\n", -1));
    assertThat(clean(TreeSitterGrammar.C, fixed)).as("repaired:\n" + fixed).isTrue();
    return fixed;
  }

  @Test
  void anIfThatSplitsAStatementKeepsItsFirstBranchAndLosesTheDirectives() {
    String code = """
        int f(int a) {
          if (a) {
            g();
          }
        #ifdef EXTRA
          else if (a > 1) {
            h();
        #else
          else {
            k();
        #endif
          }
          return 0;
        }""";
    String fixed = repairedC(code);
    assertThat(fixed).contains("else if (a > 1) {").doesNotContain("k();").doesNotContain("#");
  }

  @Test
  void ifZeroKeepsTheElseBranch() {
    String code = """
        int f(int a) {
          if (a) {
        #if 0
            return 1;
          }
          else {
        #else
            return 2;
        #endif
          }
          return 0;
        }""";
    String fixed = repairedC(code);
    assertThat(fixed).contains("return 2;").doesNotContain("return 1;");
  }

  @Test
  void aCommentOpenedInADroppedBranchStillCloses() {
    String code = """
        int f(void) {
        #ifdef WIN
          return 1;
        }
        #else
          /*
           * a long comment
           */
          return 2;
        #endif
        }""";
    repairedC(code);
  }

  @Test
  void gnuCaseRangesBecomeConstantExpressions() {
    String code = """
        int kind(int c) {
          switch (c) {
          case 'a' ... 'z': return 1;
          case 0x40 ... 0x4f: return 2;
          default: return 0;
          }
        }""";
    String fixed = repairedC(code);
    assertThat(fixed).contains("case 'a' +0* 'z':");
  }

  @Test
  void typeArgumentsOfMacrosBecomeOneNameOfTheSameLength() {
    String code = """
        static void worker(struct work_struct *work) {
          struct io *d = container_of(work, struct io,
                                      work);
          unsigned n = min_t(unsigned int, a,
                             b);
          char *s = CAST(char *, p);
          char *t = (char *) p;
        }""";
    String fixed = repairedC(code);
    assertThat(fixed).contains("container_of(work, struct_io,").contains("min_t(unsigned_int, a,")
        .contains("CAST(char__, p)").contains("(char *) p");
  }

  @Test
  void statementMacrosWithoutSemicolonsAreRepaired() {
    String code = """
        static int parse(char *buf, int j) {
          struct v vvn;
          vvn.version = READ16 (buf, j)
          vvn.count = READ16 (buf, j)
          DisableMSCWarning(4127)
          if (sizeof(double) != 8)
        RestoreMSCWarning
            return -1;
          return 0;
        }""";
    repairedC(code);
  }

  @Test
  void aMultiLineLoopMacroBecomesAWhile() {
    String code = """
        static void drop(struct buf *b) {
          struct page *p, *tmp;
          list_for_each_entry_safe(p, tmp, &b->pages,
                                   list) {
            list_del_init(&p->list);
          }
        }""";
    String fixed = repairedC(code);
    assertThat(fixed).contains("while                   (p, tmp, &b->pages,");
  }

  @Test
  void aTruncatedFunctionGetsItsClosingBraceOnItsLastLine() {
    String code = """
        static int f(int a) {
          if (a) {
            return 1;
          }
          return 0;""";
    String fixed = repairedC(code);
    assertThat(fixed).endsWith("return 0;}");
  }

  @Test
  void formatMacrosBetweenStringsAreBlankedInCpp() {
    String code = """
        void f(uint64_t n) {
          printf("needs %" PRIu64
                 " arguments\\n", n);
        }""";
    String fixed = CMacroRepair.repair(code, true);
    assertThat(fixed).doesNotContain("PRIu64");
    assertThat(clean(TreeSitterGrammar.CPP, fixed)).isTrue();
  }

  @Test
  void cleanCodeWithoutMacrosIsLeftAlone() {
    String code = """
        int add(int a, int b) {
          int s = a + b;
          return (int) s;
        }""";
    assertThat(CMacroRepair.repair(code)).isEqualTo(code);
  }
}
