package dev.rescue.analysis.slicing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Reads brace-language source by line, skipping string, character and template literals and
 * comments: pairs its curly braces, and finds the lines that hold nothing but comment text.
 * Pairing: The slice printer keeps both lines of every pair that encloses
 * or touches a kept line, so that a slice stays balanced whatever statement structure a front-end
 * reports (C's {@code case X: { ... }} bodies, for instance, are not statements of their own).
 * Unmatched braces (as in {@code #if} branches) are ignored.
 */
final class BraceMatcher {
  private BraceMatcher() {}

  /** Pairs {@code {openLine, closeLine}} (1-based), for braces that open and close on different lines. */
  static List<int[]> pairs(List<String> lines) {
    List<int[]> out = new ArrayList<>();
    Deque<Integer> open = new ArrayDeque<>();
    scan(lines, (ln, c) -> {
      if (c == '{') {
        open.push(ln);
      } else if (c == '}' && !open.isEmpty()) {
        int o = open.pop();
        if (o != ln) out.add(new int[] {o, ln});
      }
    });
    return out;
  }

  /**
   * The lines (1-based) that hold comment text and no code: inside a block comment (the middle
   * lines of {@code /* ... *\/} that start with no {@code *}, such as ImageMagick's
   * {@code /*\n  Verify SUN identifier.\n*\/}), or with only a comment after the indentation.
   * Blank lines are not in the set. The slice printer must not keep such a line as structure
   * without its comment's opening line: alone it reads as code and the slice does not parse.
   */
  static BitSet commentOnlyLines(List<String> lines) {
    BitSet code = new BitSet();
    scan(lines, (ln, c) -> code.set(ln));
    BitSet out = new BitSet();
    for (int ln = 1; ln <= lines.size(); ln++) {
      if (!code.get(ln) && !lines.get(ln - 1).isBlank()) out.set(ln);
    }
    return out;
  }

  /**
   * The block comments that span lines, as {@code {firstLine, lastLine}} (1-based); one left open
   * ends at the last line. A slice that keeps some of such a comment's lines must keep its first
   * and last ones too, or the printed slice opens a comment it never closes (or the reverse).
   */
  static List<int[]> multiLineComments(List<String> lines) {
    List<int[]> out = new ArrayList<>();
    int[] openedAt = {0};
    scan(lines, (ln, c) -> { }, new CommentEdge() {
      @Override
      public void opened(int line) {
        openedAt[0] = line;
      }

      @Override
      public void closed(int line) {
        if (line != openedAt[0]) out.add(new int[] {openedAt[0], line});
        openedAt[0] = 0;
      }
    });
    if (openedAt[0] > 0 && openedAt[0] < lines.size()) out.add(new int[] {openedAt[0], lines.size()});
    return out;
  }

  /** What {@link #scan} reports: a character of code (outside comments) on a line. */
  private interface CodeChar {
    void at(int line, char c);
  }

  /** What {@link #scan} reports about block comments: the lines of their {@code /*} and {@code *\/}. */
  private interface CommentEdge {
    CommentEdge NONE = new CommentEdge() {
      @Override
      public void opened(int line) {}

      @Override
      public void closed(int line) {}
    };

    void opened(int line);

    void closed(int line);
  }

  private static void scan(List<String> lines, CodeChar sink) {
    scan(lines, sink, CommentEdge.NONE);
  }

  /** Calls {@code sink} with every non-blank character outside comments; a literal counts as its quote. */
  private static void scan(List<String> lines, CodeChar sink, CommentEdge comments) {
    boolean blockComment = false;
    for (int ln = 1; ln <= lines.size(); ln++) {
      String s = lines.get(ln - 1);
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (blockComment) {
          if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
            blockComment = false;
            comments.closed(ln);
            i += 2;
          } else {
            i++;
          }
          continue;
        }
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') break;
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
          blockComment = true;
          comments.opened(ln);
          i += 2;
          continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
          sink.at(ln, c);
          i = skipLiteral(s, i, c);
          continue;
        }
        if (!Character.isWhitespace(c)) sink.at(ln, c);
        i++;
      }
    }
  }

  /** Index after the literal starting at {@code start}; a literal left open ends the line. */
  private static int skipLiteral(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) return i + 1;
      i++;
    }
    return s.length();
  }
}
