package dev.rescue.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A programming language the project knows. {@link #id()} is the short id used in every file format
 * and on the command line ({@code py}, {@code c}, {@code cpp}, {@code java}, {@code js}, {@code go}).
 * Ruby appears in the SafeCoder data but has no grammar here: its pairs are kept whole.
 */
public enum Language {
  PYTHON("py", "Python", "#", List.of(".py"), List.of("python", "python3")),
  C("c", "C", "//", List.of(".c", ".h"), List.of()),
  CPP("cpp", "C++", "//", List.of(".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx", ".C"), List.of("c++", "cxx")),
  JAVA("java", "Java", "//", List.of(".java"), List.of()),
  JAVASCRIPT("js", "JavaScript", "//", List.of(".js", ".jsx", ".mjs", ".cjs"), List.of("javascript", "node", "nodejs")),
  GO("go", "Go", "//", List.of(".go"), List.of("golang")),
  RUBY("rb", "Ruby", "#", List.of(".rb"), List.of("ruby"));

  private final String id;
  private final String displayName;
  private final String lineComment;
  private final List<String> extensions;
  private final List<String> aliases;

  Language(String id, String displayName, String lineComment, List<String> extensions, List<String> aliases) {
    this.id = id;
    this.displayName = displayName;
    this.lineComment = lineComment;
    this.extensions = extensions;
    this.aliases = aliases;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** The token that starts a line comment, used for the {@code ...} elision marker of slices. */
  public String lineComment() {
    return lineComment;
  }

  public List<String> extensions() {
    return extensions;
  }

  /** Accepts the id, the display name or a common alias, case-insensitively. */
  public static Optional<Language> fromId(String name) {
    if (name == null) return Optional.empty();
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.id.equals(n) || l.displayName.toLowerCase(Locale.ROOT).equals(n) || l.aliases.contains(n)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #fromId} but throws an {@link IllegalArgumentException} naming the bad value. */
  @JsonCreator
  public static Language parse(String name) {
    return fromId(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown language '" + name + "' (expected one of py, c, cpp, java, js, go, rb)"));
  }

  /** The language of a file name by its extension; {@code .C} (upper case) is C++, {@code .c} is C. */
  public static Optional<Language> fromFileName(String fileName) {
    if (fileName == null) return Optional.empty();
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) return Optional.empty();
    String ext = fileName.substring(dot);
    for (Language l : values()) {
      if (l.extensions.contains(ext)) return Optional.of(l);
    }
    String lower = ext.toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.extensions.contains(lower)) return Optional.of(l);
    }
    return Optional.empty();
  }
}
