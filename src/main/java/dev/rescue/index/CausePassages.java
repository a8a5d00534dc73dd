package dev.rescue.index;

import dev.rescue.model.CweEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passages of a CWE's cause, each embedded on its own when an index is built. A cause is a
 * paragraph naming many situations ("a route rendering a template ..., a search page echoing the
 * query, ..."), and a task usually matches one of them; against the whole paragraph its similarity
 * is diluted by all the others. The passages are the cause's sentences, the items of its colon lists
 * ("Seen in: A; B", "... user input: X, Y, or Z") and its quoted phrases of at least {@value
 * #MIN_QUOTED_WORDS} words (example tasks, "'let users define custom pricing rules'"). They are
 * ranking evidence only: the cause gate reads the whole cause, on which it was calibrated.
 */
public final class CausePassages {
  /** Shorter quotes are names or tokens ("remember me", '-'), not situations a task describes. */
  static final int MIN_QUOTED_WORDS = 3;
  /** A one-word list item ("SQLite", "grep") says nothing a task could match on its own. */
  static final int MIN_ITEM_WORDS = 2;

  // a sentence ends at . ! or ? followed by space and a capital, a quote or a parenthesis
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"'(`\u201c])");
  // straight or curly double quotes; single quotes only where no letter touches them (not an apostrophe)
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|(?<![\\p{L}\\d])'([^']+)'(?![\\p{L}\\d])");
  private static final Pattern LEADING_CONJUNCTION = Pattern.compile("^(?:and|or)\\s+", Pattern.CASE_INSENSITIVE);

  private CausePassages() {}

  /**
   * The passages of {@code c}'s cause (its guideline when it has no cause, as its cause vector falls
   * back), in the order they appear, each once; its name (else its id) when it has neither, as its
   * cause vector then embeds that.
   */
  public static List<String> of(CweEntry c) {
    String body = hasText(c.cause()) ? c.cause() : c.guideline();
    List<String> out = of(body);
    if (!out.isEmpty()) return out;
    return List.of(hasText(c.name()) ? c.name() : c.cwe());
  }

  /** The passages of one text (none for a blank one). */
  public static List<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (!hasText(text)) return List.of();
    for (String sentence : SENTENCE_END.split(text.strip())) {
      add(out, sentence, 1);
      int colon = sentence.indexOf(':');
      if (colon >= 0) {
        for (String item : items(sentence.substring(colon + 1))) add(out, item, MIN_ITEM_WORDS);
      }
    }
    Matcher m = QUOTED.matcher(text);
    while (m.find()) {
      String quote = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      add(out, quote, MIN_QUOTED_WORDS);
    }
    return List.copyOf(out);
  }

  /**
   * The items of a colon list: separated by semicolons where there are any (MITRE's "Seen in" lists,
   * whose items hold commas), else by commas outside parentheses ("a template (Jinja2, Mako)" is one item).
   */
  static List<String> items(String list) {
    String body = stripEnd(list.strip());
    List<String> out = new ArrayList<>();
    if (body.indexOf(';') >= 0) {
      for (String item : body.split(";")) out.add(item);
      return out;
    }
    int depth = 0;
    int from = 0;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '(') depth++;
      else if (ch == ')') depth = Math.max(0, depth - 1);
      else if (ch == ',' && depth == 0) {
        out.add(body.substring(from, i));
        from = i + 1;
      }
    }
    out.add(body.substring(from));
    return out;
  }

  private static void add(Set<String> out, String passage, int minWords) {
    String p = LEADING_CONJUNCTION.matcher(stripEnd(passage.strip())).replaceFirst("").strip();
    if (p.isEmpty() || p.split("\\s+").length < minWords) return;
    out.add(p);
  }

  private static String stripEnd(String s) {
    String t = s;
    while (!t.isEmpty() && ".;,".indexOf(t.charAt(t.length() - 1)) >= 0) t = t.substring(0, t.length() - 1).strip();
    return t;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
