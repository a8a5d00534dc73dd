package dev.rescue.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps line numbers inside the caller's text when the parse ran on a wrapped copy: the wrapper's
 * closing brace sits on an extra last line, which an unclosed method (a prompt that ends mid-body)
 * would otherwise claim as its end. Used by the front-ends that wrap a bare snippet before parsing
 * (Java, JavaScript, Go).
 */
public final class LineClamp {
  private LineClamp() {}

  /** The number of lines in {@code text}; a final newline does not start a new line; 0 for empty. */
  public static int lineCount(String text) {
    if (text == null || text.isEmpty()) return 0;
    int lines = 1;
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '\n') lines++;
    }
    return lines;
  }

  /**
   * {@code m} with every line number capped at {@code lines} (at least 1); {@code m} itself when it
   * already ends inside the text.
   */
  public static FunctionModel clamp(FunctionModel m, int lines) {
    int max = Math.max(1, lines);
    if (m.endLine() <= max) return m;
    return new FunctionModel(m.language(), m.name(), Math.min(m.signatureStartLine(), max),
        Math.min(m.signatureEndLine(), max), max, m.parameters(), clamp(m.body(), max), m.hasErrors());
  }

  private static List<Statement> clamp(List<Statement> statements, int max) {
    List<Statement> out = new ArrayList<>(statements.size());
    for (Statement s : statements) {
      if (s.endLine() <= max) {
        out.add(s);
        continue;
      }
      List<Block> blocks = new ArrayList<>();
      for (Block b : s.blocks()) blocks.add(new Block(b.role(), clamp(b.statements(), max)));
      int start = Math.min(s.startLine(), max);
      out.add(new Statement(s.kind(), start, Math.min(s.headerEndLine(), max), max,
          s.defs(), s.uses(), s.calls(), s.label(), blocks));
    }
    return out;
  }
}
