package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;

class TreeSitterSourceTest {

  @Test
  void nodeTextIsExactAfterMultiByteCharacters() {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.PYTHON,
        "s = 'é😀'\nname = value\n")) {
      TSNode second = src.root().getNamedChild(1).getNamedChild(0);
      assertThat(src.text(TreeSitterNodes.field(second, "left"))).isEqualTo("name");
      assertThat(src.text(TreeSitterNodes.field(second, "right"))).isEqualTo("value");
      assertThat(src.startLine(second)).isEqualTo(2);
    }
  }

  @Test
  void linesAreOneBasedAndAMultiLineNodeEndsOnItsLastLine() {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.C,
        "int f(void)\n{\n  return 1;\n}\n")) {
      TSNode fn = src.root().getNamedChild(0);
      assertThat(src.startLine(fn)).isEqualTo(1);
      assertThat(src.endLine(fn)).isEqualTo(4);
      assertThat(src.lineCount()).isEqualTo(4);
      assertThat(src.hasErrors()).isFalse();
      assertThat(src.firstErrorLine()).isZero();
    }
  }

  @Test
  void errorsAndMissingNodesAreDetectedWithTheirLine() {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.C,
        "int f(void)\n{\n  return 1\n}\n")) {
      assertThat(src.hasErrors()).isTrue();
      assertThat(src.firstErrorLine()).isEqualTo(3);
    }
  }

  @Test
  void loneSurrogatesAreSanitisedWithoutMovingLines() {
    String bad = "x = '\uD800'\ny = 2\n";
    assertThat(TreeSitterSource.sanitize(bad)).isEqualTo("x = '\uFFFD'\ny = 2\n");
    String clean = "ok 😀";
    assertThat(TreeSitterSource.sanitize(clean)).isSameAs(clean);
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.PYTHON, bad)) {
      assertThat(src.lineCount()).isEqualTo(2);
      assertThat(src.hasErrors()).isFalse();
    }
  }

  @Test
  void walkVisitsInSourceOrderAndCanPrune() {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.PYTHON,
        "a = f(b)\nc = g(d)\n")) {
      List<String> ids = new ArrayList<>();
      TreeSitterNodes.walk(src.root(), n -> {
        if ("identifier".equals(n.getType())) ids.add(src.text(n));
        return !"call".equals(n.getType()); // do not enter calls
      });
      assertThat(ids).containsExactly("a", "c");
      assertThat(TreeSitterNodes.namedChildren(src.root())).hasSize(2);
      assertThat(TreeSitterNodes.field(src.root(), "nonexistent")).isNull();
      assertThat(TreeSitterNodes.firstDescendant(src.root(), n -> "call".equals(n.getType())))
          .satisfies(n -> assertThat(src.text(n)).isEqualTo("f(b)"));
    }
  }

  @Test
  void parsersAreSafeToUseFromSeveralThreads() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.C,
              "int f(int x) { return x + " + i + "; }")) {
            if (src.hasErrors()) errors.add(new AssertionError("unexpected error at " + i));
          } catch (Throwable e) {
            errors.add(e);
          }
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) th.join();
    assertThat(errors).isEmpty();
  }
}
