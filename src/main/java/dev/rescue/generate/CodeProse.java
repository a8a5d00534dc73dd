package dev.rescue.generate;

import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The natural-language part of code: comments, docstrings and the words of function names. Without
 * an LLM this is what the cause facet can read of a code-only task (a prompt that is a signature and
 * a docstring). Doctest lines ({@code >>>}, {@code assert}) are code, not prose, and are left out.
 */
public final class CodeProse {
  private static final Pattern PY_DOC = Pattern.compile("(?s)(\"\"\"|''')(.*?)(\\1|\\z)");
  private static final Pattern PY_LINE = Pattern.compile("(?m)#(.*)$");
  private static final Pattern C_BLOCK = Pattern.compile("(?s)/\\*+(.*?)(\\*/|\\z)");
  private static final Pattern C_LINE = Pattern.compile("(?m)(?<![:\"'])//(.*)$");
  private static final Pattern PY_DEF = Pattern.compile("(?m)^\\s*(?:async\\s+)?def\\s+([A-Za-z_]\\w*)");
  private static final Pattern C_FUNC = Pattern.compile(
      "(?m)^[\\w\\s\\*&:<>,\\[\\]]*?\\b(?:func\\s+(?:\\([^)]*\\)\\s*)?)?([A-Za-z_]\\w*)\\s*\\([^;{]*\\)\\s*[^;]*\\{");
  private static final Pattern JS_FUNC = Pattern.compile("(?m)\\bfunction\\s+([A-Za-z_$][\\w$]*)");
  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of("if", "for", "while", "switch", "catch", "return", "sizeof", "main");

  private CodeProse() {}

  public static String of(String code, Language language) {
    if (code == null || code.isBlank()) return "";
    List<String> parts = new ArrayList<>();
    boolean python = language == Language.PYTHON || language == Language.RUBY
        || (language == null && (code.contains("def ") || code.contains("\"\"\"")));
    if (python) {
      collect(PY_DOC, 2, code, parts);
      collect(PY_LINE, 1, code.replaceAll("(?s)(\"\"\"|''').*?(\\1|\\z)", ""), parts);
      names(PY_DEF, code, parts);
    } else {
      collect(C_BLOCK, 1, code, parts);
      collect(C_LINE, 1, code, parts);
      names(JS_FUNC, code, parts);
      names(C_FUNC, code, parts);
    }
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      for (String line : p.split("\n")) {
        String t = line.strip().replaceFirst("^[*#/\\s]+", "");
        if (t.isEmpty() || t.startsWith(">>>") || t.startsWith("assert ") || t.startsWith("BEGIN SOLUTION")) continue;
        if (out.length() > 0) out.append('\n');
        out.append(t);
      }
    }
    return out.toString();
  }

  private static void collect(Pattern p, int group, String code, List<String> out) {
    Matcher m = p.matcher(code);
    while (m.find()) out.add(m.group(group));
  }

  private static void names(Pattern p, String code, List<String> out) {
    Matcher m = p.matcher(code);
    while (m.find()) {
      String name = m.group(1);
      if (KEYWORDS.contains(name)) continue;
      String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').trim().toLowerCase(java.util.Locale.ROOT);
      if (words.contains(" ")) out.add(words);
    }
  }
}
