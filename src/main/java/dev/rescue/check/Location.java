package dev.rescue.check;

/** Where a finding is: 1-based line and column, as SARIF counts them. */
public record Location(String file, int line, int column) {
  public Location {
    if (line < 1) throw new IllegalArgumentException("line must be >= 1, was " + line);
    if (column < 1) throw new IllegalArgumentException("column must be >= 1, was " + column);
  }
}
