package dev.rescue.generate.prompt;

import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guideline cut down to the task's language. Guidelines name safe APIs per language in sentences
 * that open with the language ("In Java avoid ...", "Go: use ..."); a sentence that opens with other
 * languages only is noise for this task and costs tokens, so it is left out. Sentences that name no
 * language stay. C guidance stays for C++ tasks (C++ code calls the C library too).
 */
public final class GuidelineText {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;!?])\\s+(?=[A-Z`(])");
  private static final Pattern OPENER = Pattern.compile(
      "^(?:In|For|With|Under|On)?\\s*((?:(?:Python|Flask|Django|Java|JavaScript|TypeScript|Node(?:\\.js)?|Express|Go|Golang|C\\+\\+|C|PHP|Ruby|C#)"
          + "(?:\\s*(?:,|/|and|or)\\s*)?)+)\\s*[:,]?\\s");
  private static final Pattern NAME = Pattern.compile(
      "Python|Flask|Django|JavaScript|TypeScript|Node(?:\\.js)?|Express|Java|Golang|Go|C\\+\\+|C#|C|PHP|Ruby");

  private GuidelineText() {}

  public static String forLanguage(String guideline, Language language) {
    if (language == null || guideline.isBlank()) return guideline;
    List<String> kept = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(guideline.strip())) {
      Set<Language> named = opening(sentence);
      if (named.isEmpty() || named.contains(language) || language == Language.CPP && named.contains(Language.C)) {
        kept.add(sentence);
      }
    }
    return kept.isEmpty() ? guideline : String.join(" ", kept);
  }

  /**
   * A guideline's core rule: its first sentence. Guidelines open with the rule and go on with the
   * APIs and details that carry it out, so the first sentence is what a less likely CWE is worth.
   */
  public static String coreRule(String guideline) {
    return SENTENCE_END.split(guideline.strip(), 2)[0];
  }

  /** The languages a sentence opens with; empty when it opens with none. */
  static Set<Language> opening(String sentence) {
    Matcher m = OPENER.matcher(sentence);
    Set<Language> out = EnumSet.noneOf(Language.class);
    if (!m.find()) return out;
    Matcher n = NAME.matcher(m.group(1));
    while (n.find()) {
      switch (n.group()) {
        case "Python", "Flask", "Django" -> out.add(Language.PYTHON);
        case "Java" -> out.add(Language.JAVA);
        case "JavaScript", "TypeScript", "Node", "Node.js", "Express" -> out.add(Language.JAVASCRIPT);
        case "Go", "Golang" -> out.add(Language.GO);
        case "C++" -> out.add(Language.CPP);
        case "C" -> out.add(Language.C);
        case "Ruby" -> out.add(Language.RUBY);
        default -> out.add(Language.RUBY); // PHP, C#: a language this project has no tasks in
      }
    }
    return out;
  }
}
