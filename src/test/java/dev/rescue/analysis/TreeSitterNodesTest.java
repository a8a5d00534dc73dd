package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.TreeSitterNodes.FieldedChild;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;

class TreeSitterNodesTest {

  @Test
  void fieldedChildrenNameTheFieldEachChildFillsAndNullForPunctuation() {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.PYTHON, "name = value\n")) {
      TSNode assignment = src.root().getNamedChild(0).getNamedChild(0);
      List<String> seen = new ArrayList<>();
      for (FieldedChild c : TreeSitterNodes.fieldedChildren(assignment)) {
        seen.add(src.text(c.node()) + ":" + c.field());
      }
      assertThat(seen).containsExactly("name:left", "=:null", "value:right");
    }
  }

  @Test
  void childrenOfAWideNodeComeInSourceOrderLikeIndexedAccess() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 40; i++) code.append("x").append(i).append(" = ").append(i).append("\n");
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.PYTHON, code.toString())) {
      TSNode root = src.root();
      List<TSNode> named = TreeSitterNodes.namedChildren(root);
      List<FieldedChild> all = TreeSitterNodes.fieldedChildren(root);
      assertThat(named).hasSize(40);
      assertThat(all).hasSize(root.getChildCount());
      for (int i = 0; i < 40; i++) {
        assertThat(named.get(i).getStartByte()).isEqualTo(root.getNamedChild(i).getStartByte());
        assertThat(all.get(i).node().getStartByte()).isEqualTo(root.getChild(i).getStartByte());
      }
    }
  }

  @Test
  void errorNodeCountIsZeroForCleanCodeAndPositiveForBrokenCode() {
    try (TreeSitterSource clean = TreeSitterParsers.parse(TreeSitterGrammar.JAVA, "class A { void f() {} }");
        TreeSitterSource broken = TreeSitterParsers.parse(TreeSitterGrammar.JAVA, "class A { void f( { }")) {
      assertThat(TreeSitterNodes.errorNodeCount(clean.root())).isZero();
      assertThat(TreeSitterNodes.errorNodeCount(broken.root())).isPositive();
    }
  }

  @Test
  void parseBestWrappedKeepsAnAlreadyCleanParseUnwrapped() {
    try (TreeSitterSource src = TreeSitterParsers.parseBestWrapped(TreeSitterGrammar.JAVA,
        "class A { void f() {} }", List.of("class W { "))) {
      assertThat(src.text()).isEqualTo("class A { void f() {} }");
    }
  }

  @Test
  void parseBestWrappedWrapsABareConstructorWithoutMovingItsLines() {
    String method = "public Wrapper() {\n  g();\n}"; // a constructor: only valid inside a class
    try (TreeSitterSource bare = TreeSitterParsers.parse(TreeSitterGrammar.JAVA, method)) {
      assertThat(bare.hasErrors()).as("precondition: the bare text is broken").isTrue();
    }
    try (TreeSitterSource src = TreeSitterParsers.parseBestWrapped(TreeSitterGrammar.JAVA, method,
        List.of("class Wrapper { "))) {
      assertThat(src.hasErrors()).isFalse();
      assertThat(src.text()).startsWith("class Wrapper { public Wrapper()");
      TSNode fn = TreeSitterNodes.firstDescendant(src.root(),
          n -> "constructor_declaration".equals(n.getType()));
      assertThat(src.startLine(fn)).isEqualTo(1);
      assertThat(src.endLine(fn)).isEqualTo(3);
    }
  }
}
