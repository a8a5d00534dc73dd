package dev.rescue.analysis;

import java.util.List;
import java.util.Set;

/**
 * One statement of a function, as the slicer sees it.
 *
 * <p>Line numbers are 1-based and relative to the source given to the front-end. A compound
 * statement spans its whole body ({@code startLine..endLine}); its header (condition, loop head,
 * {@code try:}, {@code with ... as}) ends at {@code headerEndLine}, and the defs, uses and calls of
 * a compound statement are those of its header only.
 *
 * @param defs variables the statement (may) define: assignment targets, declarations with or
 *     without initialisers, loop targets, {@code with ... as} names, the base variable of
 *     {@code x.f = ...}, {@code a[i] = ...}, {@code *p = ...}, and {@code x} in {@code f(&x)}
 * @param uses variables the statement reads
 * @param calls the calls it makes, as written ({@code yaml.load}, {@code strcpy}, {@code .execute})
 * @param label the label of a LABEL or the target of a GOTO, else null
 * @param blocks nested blocks of a compound statement, in source order
 */
public record Statement(
    StatementKind kind,
    int startLine,
    int headerEndLine,
    int endLine,
    Set<String> defs,
    Set<String> uses,
    List<String> calls,
    String label,
    List<Block> blocks) {

  public Statement {
    if (startLine < 1 || headerEndLine < startLine || endLine < headerEndLine) {
      throw new IllegalArgumentException(
          "bad line span " + startLine + ".." + headerEndLine + ".." + endLine + " for " + kind);
    }
    defs = Set.copyOf(defs);
    uses = Set.copyOf(uses);
    calls = List.copyOf(calls);
    blocks = List.copyOf(blocks);
  }

  public boolean isCompound() {
    return !blocks.isEmpty();
  }
}
