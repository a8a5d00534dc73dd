package dev.rescue.kb.distill;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guards a fix added: the conditions of {@code if}/{@code elif}/{@code while} lines present in the
 * secure slice but not in the vulnerable one, reduced to what they test: the functions they call
 * ({@code os.path.realpath}, {@code strlen}) and their null and comparison operators. Line-based
 * on purpose: it works the same for every language, including the fallback (unsliced) pairs.
 */
final class AddedGuards {
  private static final Pattern CONDITION =
      Pattern.compile("^(?:\\}\\s*)?(?:if|elif|else\\s+if|elsif|unless|while|guard)\\b\\s*\\(?(.*)$");
  private static final Pattern CALL = Pattern.compile("([A-Za-z_$][\\w$]*(?:\\s*(?:\\.|->|::)\\s*[A-Za-z_$][\\w$]*)*)\\s*\\(");
  private static final Pattern NULL_TEST = Pattern.compile(
      "(?:is\\s+(?:not\\s+)?None|[!=]==?\\s*(?:NULL|nullptr|nil|null|undefined|None)\\b|\\b(?:NULL|nullptr|nil|null)\\s*[!=]=)");
  private static final Pattern COMPARISON = Pattern.compile("(<=|>=|(?<![<>=!-])<(?![<=])|(?<![-<>=])>(?![>=]))");
  private static final Set<String> NOT_CALLS = Set.of(
      "if", "elif", "while", "for", "switch", "return", "sizeof", "not", "and", "or", "in", "unless", "guard");

  private AddedGuards() {}

  /** The guard features of one fix, each counted once per fix. */
  static Set<String> of(String vulnerable, String secure) {
    Map<String, Integer> before = new HashMap<>();
    for (String l : vulnerable.split("\n", -1)) before.merge(l.strip(), 1, Integer::sum);
    Set<String> out = new LinkedHashSet<>();
    for (String raw : secure.split("\n", -1)) {
      String line = raw.strip();
      Integer left = before.get(line);
      if (left != null && left > 0) { // a context line, present on both sides
        before.put(line, left - 1);
        continue;
      }
      Matcher m = CONDITION.matcher(line);
      if (!m.matches()) continue;
      String cond = m.group(1);
      Matcher call = CALL.matcher(cond);
      while (call.find()) {
        String name = call.group(1).replaceAll("\\s+", "");
        if (!NOT_CALLS.contains(name)) out.add("`" + name + "` check");
      }
      if (NULL_TEST.matcher(cond).find()) out.add("null check");
      if (COMPARISON.matcher(cond.replaceAll("->", "")).find()) out.add("bounds comparison");
    }
    return out;
  }

  static Map<String, Integer> count(List<String[]> pairs) {
    Map<String, Integer> counts = new HashMap<>();
    for (String[] p : pairs) for (String g : of(p[0], p[1])) counts.merge(g, 1, Integer::sum);
    return counts;
  }
}
