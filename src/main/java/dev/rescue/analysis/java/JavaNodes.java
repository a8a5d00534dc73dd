package dev.rescue.analysis.java;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Linear-time child access through a native tree cursor.
 *
 * <p>Trap: tree-sitter's {@code ts_node_child(i)} (behind {@link TSNode#getChild(int)}, {@code
 * getNamedChild}, {@code getFieldNameForChild}) walks the siblings from the first one, so looping
 * over a node's children by index is quadratic: a 5 MB function whose body holds 100,000
 * statements would take hours. A tree cursor moves to the next sibling in constant time. The
 * binding exposes the cursor only as protected natives of {@link TSParser}, hence the subclass
 * (never instantiated).
 */
final class JavaNodes extends TSParser {
  /** A child and the grammar field it fills (null when none). */
  record Child(TSNode node, String field) {}

  private JavaNodes() {
    super();
  }

  /** All children of {@code node} (named and anonymous), in order, each with its field name. */
  static List<Child> children(TSNode node) {
    List<Child> out = new ArrayList<>();
    if (node == null || node.isNull() || node.getChildCount() == 0) return out;
    long cursor = ts_tree_cursor_new(node);
    try {
      if (!ts_tree_cursor_goto_first_child(cursor)) return out;
      do {
        out.add(new Child(ts_tree_cursor_current_node(cursor), ts_tree_cursor_current_field_name(cursor)));
      } while (ts_tree_cursor_goto_next_sibling(cursor));
    } finally {
      ts_tree_cursor_delete(cursor);
    }
    return out;
  }

  /** The named children of {@code node}, in order. */
  static List<TSNode> named(TSNode node) {
    List<TSNode> out = new ArrayList<>();
    for (Child c : children(node)) {
      if (c.node().isNamed()) out.add(c.node());
    }
    return out;
  }

  /** The children filling {@code field}, in order. */
  static List<TSNode> field(TSNode node, String field) {
    List<TSNode> out = new ArrayList<>();
    for (Child c : children(node)) {
      if (field.equals(c.field())) out.add(c.node());
    }
    return out;
  }

  /** Pre-order walk in source order; the visitor returns whether to descend into a node. */
  static void walk(TSNode root, Predicate<TSNode> visitor) {
    if (root == null || root.isNull()) return;
    long cursor = ts_tree_cursor_new(root);
    try {
      int depth = 0;
      boolean descend = visitor.test(root);
      while (true) {
        if (descend && ts_tree_cursor_goto_first_child(cursor)) {
          depth++;
        } else {
          while (depth > 0 && !ts_tree_cursor_goto_next_sibling(cursor)) {
            ts_tree_cursor_goto_parent(cursor);
            depth--;
          }
          if (depth == 0) return;
        }
        descend = visitor.test(ts_tree_cursor_current_node(cursor));
      }
    } finally {
      ts_tree_cursor_delete(cursor);
    }
  }

  /** The first node in pre-order (the root included) that matches, or null. */
  static TSNode first(TSNode root, Predicate<TSNode> matcher) {
    TSNode[] found = new TSNode[1];
    walk(root, n -> {
      if (found[0] != null) return false;
      if (matcher.test(n)) {
        found[0] = n;
        return false;
      }
      return true;
    });
    return found[0];
  }
}
