package dev.rescue.analysis;

/** Which part of a compound statement a {@link Block} is. */
public enum BlockRole {
  THEN, ELSE, BODY, CASE, TRY, CATCH, FINALLY
}
