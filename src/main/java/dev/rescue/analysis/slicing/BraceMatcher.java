package dev.rescue.analysis.slicing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pairs the curly braces of brace-language source by line, skipping string, character and
 * template literals and comments. The slice printer keeps both lines of every pair that encloses
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
    boolean blockComment = false;
    for (int ln = 1; ln <= lines.size(); ln++) {
      String s = lines.get(ln - 1);
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (blockComment) {
          if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
            blockComment = false;
            i += 2;
          } else {
            i++;
          }
          continue;
        }
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') break;
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
          blockComment = true;
          i += 2;
          continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
          i = skipLiteral(s, i, c);
          continue;
        }
        if (c == '{') {
          open.push(ln);
        } else if (c == '}' && !open.isEmpty()) {
          int o = open.pop();
          if (o != ln) out.add(new int[] {o, ln});
        }
        i++;
      }
    }
    return out;
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
