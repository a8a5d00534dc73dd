package dev.rescue.analysis;

import java.util.List;

/** A sequence of statements nested in a compound statement. */
public record Block(BlockRole role, List<Statement> statements) {
  public Block {
    statements = List.copyOf(statements);
  }
}
