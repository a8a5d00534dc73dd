package dev.rescue.analysis.slicing;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of a {@link FunctionModel} numbered for the graphs: node {@link #ENTRY} stands for
 * the function's start (it defines the parameters), {@link #EXIT} for its end, and statements
 * follow in source (pre-)order from 2.
 */
final class FunctionStructure {
  static final int ENTRY = 0;
  static final int EXIT = 1;

  final FunctionModel function;
  /** Statement nodes by id; ids 0 and 1 are null (entry, exit). */
  final List<StatementNode> nodes = new ArrayList<>();
  private final Map<Statement, StatementNode> byStatement = new IdentityHashMap<>();

  FunctionStructure(FunctionModel function) {
    this.function = function;
    nodes.add(null);
    nodes.add(null);
    addAll(function.body(), null, -1);
  }

  private void addAll(List<Statement> statements, StatementNode parent, int blockIndex) {
    for (Statement s : statements) {
      StatementNode n = new StatementNode(nodes.size(), s, parent, blockIndex);
      nodes.add(n);
      byStatement.put(s, n);
      List<Block> blocks = s.blocks();
      for (int i = 0; i < blocks.size(); i++) {
        addAll(blocks.get(i).statements(), n, i);
      }
    }
  }

  int size() {
    return nodes.size();
  }

  StatementNode node(Statement s) {
    return byStatement.get(s);
  }

  /**
   * The nodes that own a source line: statements whose own part ({@link StatementNode#ownStart()}..
   * {@link StatementNode#ownEnd()}) covers it; failing that, the innermost compound statement whose
   * span holds it (an {@code else} line, a closing brace); failing that, {@link #ENTRY} for a
   * signature line. Empty for a line outside every statement (a blank or comment line between them).
   */
  List<Integer> nodesOwningLine(int line) {
    List<Integer> own = new ArrayList<>();
    StatementNode innermost = null;
    for (int i = 2; i < nodes.size(); i++) {
      StatementNode n = nodes.get(i);
      Statement s = n.statement;
      if (line >= n.ownStart() && line <= n.ownEnd()) own.add(i);
      if (s.isCompound() && line >= s.startLine() && line <= s.endLine()) innermost = n;
    }
    if (!own.isEmpty()) return own;
    if (innermost != null) return List.of(innermost.id);
    if (function.signatureStartLine() > 0
        && line >= function.signatureStartLine() && line <= function.signatureEndLine()) {
      return List.of(ENTRY);
    }
    return List.of();
  }
}
