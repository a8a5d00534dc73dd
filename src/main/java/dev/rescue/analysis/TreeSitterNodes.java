package dev.rescue.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * Null-safe navigation of tree-sitter nodes, shared by all front-ends.
 *
 * <p>The binding returns a "null node" (not Java null) for absent children; these helpers return
 * Java {@code null} instead, so that callers can write {@code if (field(n, "body") != null)}.
 * Walking is iterative, so a 5 MB function with deep nesting cannot overflow the stack, and all
 * sibling iteration goes through a tree cursor, so it stays linear in the number of children.
 */
public final class TreeSitterNodes {
  /** Up to this many children, indexed access beats creating a cursor. */
  private static final int SMALL = 12;

  private TreeSitterNodes() {}

  /** True for a real node: neither Java null nor the binding's null node. */
  public static boolean isPresent(TSNode node) {
    return node != null && !node.isNull();
  }

  /**
   * In an ERROR node, a callee whose next sibling is {@code (}: a call the grammar could not finish
   * ({@code yaml.load(data}, {@code strcpy(dst, src}).
   */
  public static boolean opensUnfinishedCall(TSNode callee) {
    TSNode next = callee.getNextSibling();
    return isPresent(next) && "(".equals(next.getType());
  }

  /** The child in a grammar field ({@code "body"}, {@code "condition"}), or null when absent. */
  public static TSNode field(TSNode node, String fieldName) {
    if (!isPresent(node)) return null;
    TSNode child = node.getChildByFieldName(fieldName);
    return isPresent(child) ? child : null;
  }

  /** All children that carry a field name, in order (a field may hold several children). */
  public static List<TSNode> fieldChildren(TSNode node, String fieldName) {
    List<TSNode> out = new ArrayList<>();
    if (!isPresent(node) || node.getChildCount() == 0) return out;
    try (TSTreeCursor c = new TSTreeCursor(node)) {
      if (c.gotoFirstChild()) {
        do {
          if (fieldName.equals(c.currentFieldName())) out.add(c.currentNode());
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  /** A child and the grammar field it fills ({@code null} when it fills none). */
  public record FieldedChild(TSNode node, String field) {}

  /**
   * All children (named and anonymous), in source order, each with its field name. Always read
   * through a cursor: {@code getFieldNameForChild(i)} walks the siblings from the first one too.
   */
  public static List<FieldedChild> fieldedChildren(TSNode node) {
    List<FieldedChild> out = new ArrayList<>();
    if (!isPresent(node) || node.getChildCount() == 0) return out;
    try (TSTreeCursor c = new TSTreeCursor(node)) {
      if (c.gotoFirstChild()) {
        do {
          out.add(new FieldedChild(c.currentNode(), c.currentFieldName()));
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  /** All children, named and anonymous (punctuation, keywords), in source order. */
  public static List<TSNode> children(TSNode node) {
    return children(node, false);
  }

  /** The named children (no punctuation or keywords), in source order; ERROR nodes are named. */
  public static List<TSNode> namedChildren(TSNode node) {
    return children(node, true);
  }

  // A cursor steps to the next sibling in constant time; getChild(i) walks from the first child,
  // which makes a loop over a long statement list quadratic.
  private static List<TSNode> children(TSNode node, boolean namedOnly) {
    List<TSNode> out = new ArrayList<>();
    if (!isPresent(node)) return out;
    int count = node.getChildCount();
    if (count == 0) return out;
    if (count <= SMALL) {
      // A cursor costs a native allocation and a cleaner registration: for a few children,
      // indexed access is cheaper.
      for (int i = 0; i < count; i++) {
        TSNode k = node.getChild(i);
        if (!namedOnly || k.isNamed()) out.add(k);
      }
      return out;
    }
    try (TSTreeCursor c = new TSTreeCursor(node)) {
      if (c.gotoFirstChild()) {
        do {
          TSNode k = c.currentNode();
          if (!namedOnly || k.isNamed()) out.add(k);
        } while (c.gotoNextSibling());
      }
    }
    return out;
  }

  /** The node type ({@code "call"}, {@code "identifier"}), or "" for an absent node. */
  public static String type(TSNode node) {
    return isPresent(node) ? node.getType() : "";
  }

  /**
   * The number of ERROR and MISSING nodes under {@code root} (itself included), descending only
   * into subtrees that contain an error; the measure of how broken a parse is.
   */
  public static int errorNodeCount(TSNode root) {
    int[] count = {0};
    walk(root, n -> {
      if (n.isError() || n.isMissing()) count[0]++;
      return n.hasError();
    });
    return count[0];
  }

  /**
   * Pre-order walk of {@code node} and its descendants, in source order. The visitor returns
   * whether to descend into the node's children (false prunes the subtree).
   */
  public static void walk(TSNode node, Predicate<TSNode> visitor) {
    if (!isPresent(node)) return;
    // One cursor for the whole subtree: constant-time steps, no stack to grow.
    try (TSTreeCursor c = new TSTreeCursor(node)) {
      while (true) {
        if (visitor.test(c.currentNode()) && c.gotoFirstChild()) continue;
        while (!c.gotoNextSibling()) {
          if (!c.gotoParent()) return;
        }
      }
    }
  }

  /** The first node in pre-order (the node itself included) that matches, or null. */
  public static TSNode firstDescendant(TSNode node, Predicate<TSNode> matcher) {
    TSNode[] found = new TSNode[1];
    walk(node, n -> {
      if (found[0] != null) return false;
      if (matcher.test(n)) {
        found[0] = n;
        return false;
      }
      return true;
    });
    return found[0];
  }

  /** The nearest ancestor (not the node itself) whose type is one of {@code types}, or null. */
  public static TSNode ancestor(TSNode node, String... types) {
    if (!isPresent(node)) return null;
    TSNode p = node.getParent();
    while (isPresent(p)) {
      String t = p.getType();
      for (String want : types) {
        if (want.equals(t)) return p;
      }
      p = p.getParent();
    }
    return null;
  }
}
