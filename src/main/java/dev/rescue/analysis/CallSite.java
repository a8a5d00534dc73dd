package dev.rescue.analysis;

import java.util.Objects;

/**
 * One API call in code: a name as {@link LanguageFrontEnd#apiCalls} spells it and where the call
 * starts (1-based line and column, columns counted in characters). A call known by several names
 * ({@code .execute} and {@code cursor.execute}) gives one site per name, at the same place.
 */
public record CallSite(String api, int line, int column) {
  public CallSite {
    Objects.requireNonNull(api, "api");
    if (line < 1) throw new IllegalArgumentException("line must be >= 1, was " + line);
    if (column < 1) throw new IllegalArgumentException("column must be >= 1, was " + column);
  }
}
