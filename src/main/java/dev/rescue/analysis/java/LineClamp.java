package dev.rescue.analysis.java;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps line numbers inside the caller's text when the parse ran on a wrapped copy: the wrapper's
 * closing brace sits on an extra last line, which an unclosed method (a prompt that ends mid-body)
 * would otherwise claim as its end.
 */
final class LineClamp {
  private LineClamp() {}

  static int lineCount(String text) {
    if (text == null || text.isEmpty()) return 0;
    int lines = 1;
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '\n') lines++;
    }
    return lines;
  }

  static FunctionModel clamp(FunctionModel m, int lines) {
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
