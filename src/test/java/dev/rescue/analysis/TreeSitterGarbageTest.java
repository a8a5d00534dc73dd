package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.c.CFrontEnd;
import dev.rescue.analysis.cpp.CppFrontEnd;
import dev.rescue.analysis.python.PythonFrontEnd;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Front-ends never throw, whatever they are given: seeded random text (print the seed, replay
 * with {@code -Dtests.seed=N}), binary, lone surrogates, empty input and a 5 MB function. Every
 * statement they return lies within the lines of the input.
 */
class TreeSitterGarbageTest {
  private static final List<LanguageFrontEnd> FRONT_ENDS =
      List.of(new PythonFrontEnd(), new CFrontEnd(), new CppFrontEnd());
  private static final String ALPHABET =
      "abcxyz_019 \t\n\n(){}[]<>;:,.=+-*/&|!?#'\"\\@$%^~`é😀\u0000\r";
  private static final String[] TOKENS = {
      "def ", "if ", "else", "elif ", "for ", "while ", "return ", "try:", "except ", "class ",
      "int ", "char *", "struct ", "switch", "case 1:", "goto ", "#include ", "#ifdef X\n",
      "#endif\n", "std::", "template<", "lambda ", "with ", " as ", "import ", "from ", "x", "y",
      "(", ")", "{", "}", "[", "]", ":", ";", "=", "+=", "&", "*", "->", ".", ",", "\n", "    ",
      "\"", "'", "\"\"\"", "/*", "*/", "//", "#"};

  private static long seed() {
    String s = System.getProperty("tests.seed");
    long seed = s == null || s.isBlank() ? System.nanoTime() : Long.parseLong(s.trim());
    System.out.println("TreeSitterGarbageTest seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
    return seed;
  }

  @Test
  void frontEndsNeverThrowOnRandomTextAndKeepLinesInRange() {
    Random random = new Random(seed());
    for (int round = 0; round < 150; round++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(400);
      boolean tokens = random.nextBoolean();
      for (int i = 0; i < len; i++) {
        if (tokens) {
          sb.append(TOKENS[random.nextInt(TOKENS.length)]);
        } else {
          sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      if (random.nextInt(10) == 0) sb.append('\uD800'); // a lone surrogate
      exercise(sb.toString());
    }
  }

  @Test
  void frontEndsNeverThrowOnBinaryEmptyOrNullInput() {
    byte[] bytes = new byte[2048];
    new Random(42).nextBytes(bytes);
    exercise(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    exercise(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    exercise("");
    exercise("\n\n\n");
    for (LanguageFrontEnd fe : FRONT_ENDS) {
      assertThat(fe.function(null).body()).isEmpty();
      assertThat(fe.apiCalls(null)).isEmpty();
    }
  }

  @Test
  void aFiveMegabyteFunctionIsModelled() {
    // Five megabytes of text in few nodes (a long comment, a long docstring): checks that nothing
    // is quadratic in the length of the text (sanitising, dedenting, line counting, node text).
    String pad = "    padding line with some text to make it long enough\n".repeat(92_000);
    String c = "int f(int x) {\n/*\n" + pad + "*/\n  strcpy(a, b);\n  return x;\n}\n";
    String py = "    def f(self, x):\n        \"\"\"\n" + pad + "        \"\"\"\n        return eval(x)\n";
    assertThat(c.length()).isGreaterThan(5_000_000);
    long start = System.nanoTime();
    FunctionModel cModel = new CFrontEnd().function(c);
    FunctionModel pyModel = new PythonFrontEnd().function(py);
    System.out.printf("5 MB C and Python functions modelled in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    assertThat(cModel.hasErrors()).isFalse();
    assertThat(cModel.endLine()).isEqualTo(92_006);
    assertThat(cModel.body()).extracting(Statement::startLine).containsExactly(92_004, 92_005);
    assertThat(pyModel.hasErrors()).isFalse();
    assertThat(pyModel.body()).extracting(Statement::kind)
        .containsExactly(StatementKind.SIMPLE, StatementKind.RETURN);
    assertThat(new PythonFrontEnd().apiCalls(py)).containsExactly("eval");
  }

  @Test
  void aFunctionWithThousandsOfStatementsIsModelled() {
    StringBuilder c = new StringBuilder("int f(int x) {\n");
    StringBuilder py = new StringBuilder("def f(x):\n");
    for (int i = 0; i < 5_000; i++) {
      c.append("  if (x > 1) { x = g(x, &y); }\n");
      py.append("    if x > 1:\n        x = g(x)\n");
    }
    c.append("}\n");
    assertThat(new CFrontEnd().function(c.toString()).body()).hasSize(5_000);
    assertThat(new PythonFrontEnd().function(py.toString()).body()).hasSize(5_000);
  }

  private static void exercise(String text) {
    int lines = text.split("\n", -1).length;
    for (LanguageFrontEnd fe : FRONT_ENDS) {
      try {
        FunctionModel m = fe.function(text);
        fe.apiCalls(text);
        fe.parsesCleanly(text);
        for (Statement s : TreeSitterExpectations.flatten(m.body())) {
          assertThat(s.endLine()).as("statement end line").isLessThanOrEqualTo(lines);
        }
        assertThat(m.endLine()).isLessThanOrEqualTo(lines);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(fe.language() + " front-end failed on input: "
            + text.replace("\n", "\\n"), e);
      }
    }
  }
}
