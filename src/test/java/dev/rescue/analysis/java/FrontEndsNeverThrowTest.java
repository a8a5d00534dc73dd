package dev.rescue.analysis.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.LineClamp;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.go.GoFrontEnd;
import dev.rescue.analysis.javascript.JavaScriptFrontEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random garbage through the Java, JavaScript and Go front-ends: they never throw, and every
 * statement line lies inside the text. Reproduce a failure with {@code -Dtests.seed=N}.
 */
class FrontEndsNeverThrowTest {
  private static final List<LanguageFrontEnd> FRONT_ENDS =
      List.of(new JavaFrontEnd(), new JavaScriptFrontEnd(), new GoFrontEnd());
  private static final String TOKENS = "{}()[];:.,=+-*/&|!<>?\"'`\\\n\t #@$%^~"
      + "abcxyzABC0123456789_ifelsewhileforreturnfuncfunctionclassnewtrycatchgoto=>:=...";
  private static final String[] WORDS = {"if", "else", "for", "while", "do", "switch", "case", "default",
      "try", "catch", "finally", "return", "break", "continue", "goto", "func", "function", "class", "new",
      "select", "defer", "go", "range", "var", "let", "const", ":=", "=>", "->", "label:", "x", "y.z", "f(",
      "import", "require('child_process')", "package", "throw", "panic(", "synchronized", "`${", "/*", "//"};

  @Test
  void randomGarbageNeverThrowsAndStaysInsideTheText() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("FrontEndsNeverThrowTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      String text = garbage(random);
      for (LanguageFrontEnd fe : FRONT_ENDS) {
        String what = fe.language() + " on round " + round + " of seed " + seed;
        FunctionModel m = fe.function(text);
        fe.apiCalls(text);
        fe.parsesCleanly(text);
        int lines = Math.max(1, LineClamp.lineCount(text));
        List<Statement> all = new ArrayList<>();
        FrontEndExpectations.flatten(m.body(), all);
        for (Statement s : all) {
          assertThat(s.endLine()).as(what).isLessThanOrEqualTo(lines);
        }
      }
    }
  }

  @Test
  void emptyAndBlankInputGiveEmptyModels() {
    for (LanguageFrontEnd fe : FRONT_ENDS) {
      for (String text : new String[] {"", "  \n\t\n", null}) {
        FunctionModel m = fe.function(text);
        assertThat(m.body()).as(fe.language() + " body of blank text").isEmpty();
        assertThat(fe.apiCalls(text)).isEmpty();
      }
    }
  }

  @Test
  void deepNestingDoesNotOverflowTheStack() {
    // Deep enough to overflow a recursive walk of the tree, small enough for a short test.
    String deep = "{".repeat(6_000) + "(a".repeat(2_000);
    for (LanguageFrontEnd fe : FRONT_ENDS) {
      assertThat(fe.function(deep)).as(fe.language() + " on deep nesting").isNotNull();
      fe.apiCalls(deep);
    }
  }

  /**
   * Linear time: child access goes through tree cursors (see JavaNodes), never by index. The cost
   * per node is a few JNI calls, about 7 s per 100 KB on the shared 2-core machine under load, so
   * the test uses 100 KB of valid code per language (a 5 MB function takes minutes here); the time
   * is printed.
   */
  @Test
  void hugeFunctionsAreModelled() {
    for (LanguageFrontEnd fe : FRONT_ENDS) {
      int size = 100_000;
      boolean go = fe instanceof GoFrontEnd;
      String header = go ? "func f(a int) {\n" : fe instanceof JavaFrontEnd ? "void f(int a) {\n" : "function f(a) {\n";
      StringBuilder big = new StringBuilder(header);
      String line = go ? "  if a > 1 { a = g(a); b.c = a + x }\n" : "  if (a > 1) { a = g(a); b.c = a + x; }\n";
      while (big.length() < size) big.append(line);
      big.append("}\n");
      long start = System.nanoTime();
      FunctionModel m = fe.function(big.toString());
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println(fe.language() + ": 100 KB function in " + ms + " ms");
      assertThat(m.body()).as(fe.language() + " statements of a huge function").hasSizeGreaterThan(size / 100);
    }
  }

  private static String garbage(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(400);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(4)) {
        case 0 -> sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        case 1 -> sb.append((char) random.nextInt(0x3000));
        default -> sb.append(TOKENS.charAt(random.nextInt(TOKENS.length())));
      }
    }
    return sb.toString();
  }
}
