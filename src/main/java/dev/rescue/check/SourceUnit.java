package dev.rescue.check;

import dev.rescue.model.Language;
import java.util.Objects;

/**
 * One piece of code to check.
 *
 * @param file the name findings are reported against ({@code -} for standard input)
 * @param task what the code is meant to do, or null; lets the KB rules weigh findings by the task
 */
public record SourceUnit(String file, String code, Language language, String task) {
  public SourceUnit {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(language, "language");
  }
}
