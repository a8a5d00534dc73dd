package dev.rescue.analysis.slicing;

import dev.rescue.analysis.Statement;

/**
 * One statement of a function with its place in the statement tree: its node id in the graphs,
 * the compound statement it is nested in and the index of the block it sits in there.
 */
final class StatementNode {
  final int id;
  final Statement statement;
  final StatementNode parent;
  final int blockIndex;

  StatementNode(int id, Statement statement, StatementNode parent, int blockIndex) {
    this.id = id;
    this.statement = statement;
    this.parent = parent;
    this.blockIndex = blockIndex;
  }

  /** First line of the part the statement owns: the whole statement, or a compound's header. */
  int ownStart() {
    return statement.startLine();
  }

  /** Last line of the part the statement owns: the whole simple statement, or a compound's header. */
  int ownEnd() {
    return statement.isCompound() ? statement.headerEndLine() : statement.endLine();
  }

  @Override
  public String toString() {
    return statement.kind() + "@" + statement.startLine();
  }
}
