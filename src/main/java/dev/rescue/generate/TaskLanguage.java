package dev.rescue.generate;

import dev.rescue.model.Language;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language a task's text names ("Write a Flask endpoint ...", "In C, write ..."), for tasks that
 * give no code and no language. The first language named wins; frameworks count for their language.
 */
public final class TaskLanguage {
  private static final Map<Pattern, Language> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(Pattern.compile("\\b(?:Python|Flask|Django|FastAPI|pandas|numpy)\\b"), Language.PYTHON);
    NAMES.put(Pattern.compile("\\b(?:JavaScript|TypeScript|Node(?:\\.js|JS)?|Express(?:\\.js)?|React|jQuery|npm)\\b"),
        Language.JAVASCRIPT);
    NAMES.put(Pattern.compile("\\b(?:Java|Spring|JDBC|Servlet|Android)\\b(?!\\s*Script)"), Language.JAVA);
    NAMES.put(Pattern.compile("\\b(?:Golang|Go)\\b(?=\\s+(?:function|program|code|handler|HTTP|server|service|package|"
        + "method|struct|routine|module|CLI|tool|web|API))|\\bin Go\\b"), Language.GO);
    NAMES.put(Pattern.compile("C\\+\\+|\\bcpp\\b"), Language.CPP);
    NAMES.put(Pattern.compile("\\bC(?=\\s+(?:function|program|code|library|routine|module|struct|string|header|file)\\b)"
        + "|\\b[Ii]n C\\b(?![+#])"), Language.C);
    NAMES.put(Pattern.compile("\\bRuby\\b|\\bRails\\b"), Language.RUBY);
  }

  private TaskLanguage() {}

  public static Optional<Language> named(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    Language best = null;
    int at = Integer.MAX_VALUE;
    for (Map.Entry<Pattern, Language> e : NAMES.entrySet()) {
      Matcher m = e.getKey().matcher(text);
      if (m.find() && m.start() < at) {
        at = m.start();
        best = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }
}
