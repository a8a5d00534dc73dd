package dev.rescue.analysis;

/** The control role of a statement, all the slicer needs to build a function's control flow. */
public enum StatementKind {
  /** Straight-line: expression, assignment, declaration, call, pass. */
  SIMPLE,
  /** Conditional: blocks THEN and optionally ELSE (an else-if chain is an IF inside ELSE). */
  IF,
  /** while/for/for-each/do: block BODY (and Python's loop ELSE). The header is re-evaluated each round. */
  LOOP,
  /** switch/match/select: blocks CASE, in order; a case without a break falls through. */
  SWITCH,
  /** try: blocks TRY, CATCH (any number), FINALLY, and Python's try ELSE. */
  TRY,
  /** A compound statement that runs its BODY once in sequence ({@code with}, a bare block, {@code synchronized}, {@code defer}). */
  BLOCK,
  RETURN,
  BREAK,
  CONTINUE,
  /** goto LABEL; see {@link Statement#label()}. */
  GOTO,
  /** A labelled statement; the label in {@link Statement#label()}. */
  LABEL,
  /** throw/raise/panic: leaves the function (or reaches a handler). */
  THROW
}
