package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.c.CFrontEnd;
import dev.rescue.analysis.python.PythonFrontEnd;
import dev.rescue.model.Language;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * Every front-end of the {@link FrontEnds} registry never throws, whatever it is given: seeded
 * random text and tokens (print the seed, replay with {@code -Dtests.seed=N}), binary, lone
 * surrogates, empty, blank and null input, deep nesting, huge functions. Every statement it returns
 * lies within the lines of the input. A front-end added to the registry is tested here with no
 * edit, except for its sample of a huge function, which the test demands.
 */
class FrontEndsNeverThrowTest {
  private static final String ALPHABET =
      "abcxyz_019 \t\n\n(){}[]<>;:,.=+-*/&|!?#'\"\\@$%^~`é😀\u0000\r";
  private static final String[] TOKENS = {
      "def ", "if ", "else", "elif ", "for ", "while ", "do ", "return ", "try:", "try ", "except ",
      "catch ", "finally ", "class ", "int ", "char *", "struct ", "switch", "case 1:", "default",
      "goto ", "break", "continue", "#include ", "#ifdef X\n", "#endif\n", "std::", "template<",
      "lambda ", "with ", " as ", "import ", "from ", "func ", "function ", "new ", "select ",
      "defer ", "go ", "range ", "var ", "let ", "const ", ":=", "=>", "label:", "package ", "throw ",
      "panic(", "synchronized ", "require('child_process')", "`${", "...", "x", "y", "y.z", "f(",
      "(", ")", "{", "}", "[", "]", ":", ";", "=", "+=", "&", "*", "->", ".", ",", "\n", "    ",
      "\"", "'", "\"\"\"", "/*", "*/", "//", "#"};

  /** A line of valid code in each language, repeated to make a huge function. */
  private static final Map<Language, String[]> HUGE = Map.of(
      Language.PYTHON, new String[] {"def f(a):\n", "    if a > 1:\n        a = g(a); b.c = a + x\n", ""},
      Language.C, new String[] {"int f(int a) {\n", "  if (a > 1) { a = g(a); b.c = a + x; }\n", "}\n"},
      Language.CPP, new String[] {"int f(int a) {\n", "  if (a > 1) { a = g(a); b.c = a + x; }\n", "}\n"},
      Language.JAVA, new String[] {"void f(int a) {\n", "  if (a > 1) { a = g(a); b.c = a + x; }\n", "}\n"},
      Language.JAVASCRIPT, new String[] {"function f(a) {\n", "  if (a > 1) { a = g(a); b.c = a + x; }\n", "}\n"},
      Language.GO, new String[] {"func f(a int) {\n", "  if a > 1 { a = g(a); b.c = a + x }\n", "}\n"});

  private static long seed() {
    String s = System.getProperty("tests.seed");
    long seed = s == null || s.isBlank() ? System.nanoTime() : Long.parseLong(s.trim());
    System.out.println("FrontEndsNeverThrowTest seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
    return seed;
  }

  @Test
  void theRegistryHoldsAFrontEndForEveryParsedLanguage() {
    assertThat(FrontEnds.all()).extracting(LanguageFrontEnd::language)
        .containsExactlyInAnyOrderElementsOf(HUGE.keySet());
  }

  @Test
  void randomTextNeverThrowsAndKeepsLinesInRange() {
    Random random = new Random(seed());
    for (int round = 0; round < 150; round++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(400);
      int style = random.nextInt(3);
      for (int i = 0; i < len; i++) {
        switch (style) {
          case 0 -> sb.append(TOKENS[random.nextInt(TOKENS.length)]);
          case 1 -> sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          default -> sb.append(random.nextBoolean() ? TOKENS[random.nextInt(TOKENS.length)] + " "
              : String.valueOf((char) random.nextInt(0x3000)));
        }
      }
      if (random.nextInt(10) == 0) sb.append('\uD800'); // a lone surrogate
      exercise(sb.toString());
    }
  }

  @Test
  void binaryEmptyBlankOrNullInputNeverThrows() {
    byte[] bytes = new byte[2048];
    new Random(42).nextBytes(bytes);
    exercise(new String(bytes, StandardCharsets.ISO_8859_1));
    exercise(new String(bytes, StandardCharsets.UTF_8));
    exercise("");
    exercise("\n\n\n");
    for (LanguageFrontEnd fe : FrontEnds.all()) {
      for (String text : new String[] {"", "  \n\t\n", null}) {
        assertThat(fe.function(text).body()).as(fe.language() + " body of blank text").isEmpty();
        assertThat(fe.apiCalls(text)).as(fe.language() + " API calls of blank text").isEmpty();
      }
    }
  }

  /** Nesting depth of the deep-nesting samples; run on a {@link #SMALL_STACK} thread. */
  private static final int DEPTH = 4_000;

  /**
   * A thread stack on which a walk that recurses once per level overflows at {@link #DEPTH} levels
   * (JsModules' once did at 5,000 on the default 1 MB stack), while the front-ends' own bounded
   * recursions (statement nesting, cut at their MAX_DEPTH) keep their margin: on 256 KB, Go's did
   * overflow now and then.
   */
  private static final long SMALL_STACK = 512 * 1024;

  @Test
  void deepNestingDoesNotOverflowTheStack() throws InterruptedException {
    for (LanguageFrontEnd fe : FrontEnds.all()) {
      String[] sample = HUGE.get(fe.language());
      boolean python = fe.language() == Language.PYTHON;
      String end = python ? "\n" : ";\n";
      // nested expressions, and nested blocks (brackets in Python, whose blocks nest by indentation)
      String parens = sample[0] + "  x = " + "(".repeat(DEPTH) + "g(a)" + ")".repeat(DEPTH) + end + sample[2];
      String blocks = python
          ? sample[0] + "  x = " + "[".repeat(DEPTH) + "g(a)" + "]".repeat(DEPTH) + end
          : sample[0] + "{".repeat(DEPTH) + "g(a);" + "}".repeat(DEPTH) + "\n" + sample[2];
      for (String deep : new String[] {parens, blocks}) {
        try (TreeSitterSource tree = TreeSitterParsers.parse(TreeSitterGrammar.of(fe.language()).orElseThrow(), deep)) {
          assertThat(depth(tree.root())).as(fe.language() + " tree depth of the sample").isGreaterThan(DEPTH);
        }
        onSmallStack(() -> {
          assertThat(fe.function(deep).body()).as(fe.language() + " statements of deep nesting").hasSize(1);
          assertThat(fe.apiCalls(deep)).as(fe.language() + " API calls in deep nesting").containsExactly("g");
        });
      }
    }
    // unbalanced garbage: tree-sitter's error recovery (a flat tree, but slow: quadratic in the length)
    String garbage = "{".repeat(600) + "(a".repeat(200);
    for (LanguageFrontEnd fe : FrontEnds.all()) {
      onSmallStack(() -> {
        assertThat(fe.function(garbage)).as(fe.language() + " on unbalanced nesting").isNotNull();
        fe.apiCalls(garbage);
      });
    }
  }

  /** The depth of a tree, walked with a cursor (a recursive count could overflow here). */
  private static int depth(TSNode root) {
    TSTreeCursor cursor = new TSTreeCursor(root);
    int depth = 1;
    int max = 1;
    while (true) {
      if (cursor.gotoFirstChild()) {
        max = Math.max(max, ++depth);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return max;
        depth--;
      }
    }
  }

  /** Runs {@code check} on a thread with a {@link #SMALL_STACK}, rethrowing what it throws. */
  private static void onSmallStack(Runnable check) throws InterruptedException {
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        check.run();
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, "small-stack", SMALL_STACK);
    thread.start();
    thread.join();
    if (thrown[0] instanceof Error e) throw e;
    if (thrown[0] instanceof RuntimeException e) throw e;
  }

  /**
   * Linear time: child access goes through tree cursors, never by index. The cost per node is a
   * few JNI calls, seconds per 100 KB on the shared machine under load, so the test uses 100 KB of
   * valid code per language; the time is printed.
   */
  @Test
  void hugeFunctionsAreModelled() {
    for (LanguageFrontEnd fe : FrontEnds.all()) {
      String[] sample = HUGE.get(fe.language());
      assertThat(sample).as("a huge-function sample for " + fe.language()).isNotNull();
      int size = 100_000;
      StringBuilder big = new StringBuilder(sample[0]);
      while (big.length() < size) big.append(sample[1]);
      big.append(sample[2]);
      long start = System.nanoTime();
      FunctionModel m = fe.function(big.toString());
      System.out.println(fe.language() + ": 100 KB function in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      assertThat(m.body()).as(fe.language() + " statements of a huge function").hasSizeGreaterThan(size / 100);
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
    int lines = Math.max(1, LineClamp.lineCount(text)); // a final newline starts no line
    for (LanguageFrontEnd fe : FrontEnds.all()) {
      try {
        FunctionModel m = fe.function(text);
        fe.apiCalls(text);
        fe.parsesCleanly(text);
        for (Statement s : TreeSitterExpectations.flatten(m.body())) {
          assertThat(s.endLine()).as("statement end line").isLessThanOrEqualTo(lines);
        }
        assertThat(m.endLine()).as("function end line").isLessThanOrEqualTo(lines);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(fe.language() + " front-end failed on input: "
            + text.replace("\n", "\\n"), e);
      }
    }
  }
}
