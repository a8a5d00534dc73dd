package dev.rescue.analysis;

import dev.rescue.analysis.c.CFrontEnd;
import dev.rescue.analysis.cpp.CppFrontEnd;
import dev.rescue.analysis.go.GoFrontEnd;
import dev.rescue.analysis.java.JavaFrontEnd;
import dev.rescue.analysis.javascript.JavaScriptFrontEnd;
import dev.rescue.analysis.python.PythonFrontEnd;
import dev.rescue.model.Language;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The explicit registry of language front-ends (no classpath scanning). */
public final class FrontEnds {
  private static final Map<Language, LanguageFrontEnd> ALL = new EnumMap<>(Language.class);

  static {
    for (LanguageFrontEnd f : new LanguageFrontEnd[] {
        new PythonFrontEnd(), new CFrontEnd(), new CppFrontEnd(),
        new JavaFrontEnd(), new JavaScriptFrontEnd(), new GoFrontEnd()}) {
      ALL.put(f.language(), f);
    }
  }

  private FrontEnds() {}

  /** The front-end of a language, empty for languages without a grammar here (Ruby). */
  public static Optional<LanguageFrontEnd> of(Language language) {
    return Optional.ofNullable(ALL.get(language));
  }

  /** Every registered front-end, in the order of {@link Language}. */
  public static List<LanguageFrontEnd> all() {
    return List.copyOf(ALL.values());
  }
}
