package dev.rescue.analysis;

import java.nio.charset.StandardCharsets;
import org.treesitter.TSNode;
import org.treesitter.TSTree;

/**
 * One parsed text: the (sanitised) source, its UTF-8 bytes and the tree-sitter tree.
 *
 * <p>Tree-sitter positions are UTF-8 byte offsets and 0-based rows; this class converts them to
 * what the rest of the project uses: node text decoded from the exact byte range (correct for any
 * non-ASCII text, where byte and character offsets differ) and 1-based line numbers. Line numbers
 * are those of the text given to {@link TreeSitterParsers#parse}: sanitising never adds or removes
 * a line.
 *
 * <p>Trap: nodes are views into the native tree. Do not use a node after {@link #close()}.
 */
public final class TreeSitterSource implements AutoCloseable {
  private final TreeSitterGrammar grammar;
  private final String text;
  private final byte[] utf8;
  private final TSTree tree;
  private final TSNode root;
  /** Owned by a parse cache: {@link #close()} leaves it alone, the cache frees it. */
  private final boolean shared;

  TreeSitterSource(TreeSitterGrammar grammar, String text, TSTree tree, boolean shared) {
    this.shared = shared;
    this.grammar = grammar;
    this.text = text;
    this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    this.tree = tree;
    this.root = tree.getRootNode();
  }

  public TreeSitterGrammar grammar() {
    return grammar;
  }

  /** The text that was parsed (the input after {@link #sanitize}). */
  public String text() {
    return text;
  }

  public TSNode root() {
    return root;
  }

  /** True when the tree holds any ERROR or MISSING node. */
  public boolean hasErrors() {
    return root.hasError();
  }

  /** The source text of a node, decoded from its UTF-8 byte range; empty for a null node. */
  public String text(TSNode node) {
    if (!TreeSitterNodes.isPresent(node)) return "";
    int start = Math.max(0, Math.min(node.getStartByte(), utf8.length));
    int end = Math.max(start, Math.min(node.getEndByte(), utf8.length));
    return new String(utf8, start, end - start, StandardCharsets.UTF_8);
  }

  /** The 1-based line on which a node starts. */
  public int startLine(TSNode node) {
    return node.getStartPoint().getRow() + 1;
  }

  /**
   * The 1-based column, in characters, at which a node starts on its line (tree-sitter counts
   * bytes; the two differ after non-ASCII text).
   */
  public int startColumn(TSNode node) {
    int start = Math.max(0, Math.min(node.getStartByte(), utf8.length));
    int lineStart = start;
    while (lineStart > 0 && utf8[lineStart - 1] != '\n') lineStart--;
    return new String(utf8, lineStart, start - lineStart, StandardCharsets.UTF_8).length() + 1;
  }

  /**
   * The 1-based line of a node's last character. A node whose end point is column 0 of a later
   * row (it ends with a newline, as Python blocks may) ends on the line before.
   */
  public int endLine(TSNode node) {
    int startRow = node.getStartPoint().getRow();
    var end = node.getEndPoint();
    int row = end.getRow();
    if (end.getColumn() == 0 && row > startRow) row--;
    return row + 1;
  }

  /** Number of lines of the text (a trailing newline does not start a new line); 0 for empty text. */
  public int lineCount() {
    if (text.isEmpty()) return 0;
    int lines = 1;
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '\n') lines++;
    }
    return lines;
  }

  /** The 1-based line of the first ERROR or MISSING node in source order, or 0 when there is none. */
  public int firstErrorLine() {
    if (!hasErrors()) return 0;
    TSNode[] found = new TSNode[1];
    TreeSitterNodes.walk(root, n -> {
      if (found[0] != null) return false;
      if (n.isError() || n.isMissing()) {
        found[0] = n;
        return false;
      }
      return n.hasError();
    });
    return found[0] == null ? 0 : startLine(found[0]);
  }

  /**
   * Frees the native tree now instead of at garbage collection; does nothing for a tree that a
   * {@link TreeSitterParsers#cacheScope()} holds (the scope frees it when it ends).
   */
  @Override
  public void close() {
    if (!shared) tree.close();
  }

  /** Frees the native tree of a cached source (the cache's end). */
  void release() {
    tree.close();
  }

  /**
   * Makes any Java string acceptable to the native parser without moving a line: lone UTF-16
   * surrogates (from broken decoding) become U+FFFD. NUL characters are kept (tree-sitter parses
   * them as unexpected characters).
   */
  public static String sanitize(String s) {
    int n = s.length();
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!bad) {
          if (out != null) out.append(c).append(s.charAt(i + 1));
          i++;
          continue;
        }
      } else {
        bad = Character.isLowSurrogate(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(n);
        out.append(s, 0, i);
      }
      if (out != null) out.append(bad ? '\uFFFD' : c);
    }
    return out == null ? s : out.toString();
  }
}
