package dev.rescue.analysis;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the expectation comments of an inline front-end test case (Error Prone style), the one
 * helper of every front-end test. A comment {@code # EXPECT-DEFS: a, b} (or {@code // EXPECT-DEFS:
 * a, b}) describes the statement that starts on the next line that is neither blank nor a comment
 * in the language's line-comment syntax:
 *
 * <ul>
 *   <li>{@code EXPECT-DEFS:}, {@code EXPECT-USES:}, {@code EXPECT-CALLS:}: exactly these names
 *       (an empty list means none);
 *   <li>{@code EXPECT-NO-DEFS:}, {@code EXPECT-NO-USES:}: none of these names;
 *   <li>{@code EXPECT-KIND: IF}: the statement kind; {@code EXPECT-LABEL: out}: its label;
 *   <li>{@code EXPECT-API: yaml.load} and {@code EXPECT-NO-API: load}: whether the API set of the
 *       whole snippet holds these names (the line only documents where the call is).
 * </ul>
 *
 * All failures of a snippet are reported together, with their line numbers. A snippet without any
 * expectation fails, so that a typo cannot make a test vacuous.
 */
public final class TreeSitterExpectations {
  private static final Pattern EXPECT =
      Pattern.compile("(?:#|//)\\s*EXPECT-([A-Z-]+):(.*)$");

  private TreeSitterExpectations() {}

  /** Runs {@code frontEnd} on {@code code} and checks every expectation comment in it. */
  public static void check(LanguageFrontEnd frontEnd, String code) {
    FunctionModel model = frontEnd.function(code);
    Set<String> apis = frontEnd.apiCalls(code);
    List<Statement> all = flatten(model.body());
    String[] lines = code.split("\n", -1);
    String comment = frontEnd.language().lineComment();
    List<String> failures = new ArrayList<>();
    List<String[]> pending = new ArrayList<>();
    int expectations = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPECT.matcher(lines[i]);
      if (m.find()) {
        pending.add(new String[] {m.group(1), m.group(2).trim(), String.valueOf(i + 1)});
        expectations++;
        continue;
      }
      if (lines[i].isBlank() || pending.isEmpty() || isComment(lines[i], comment)) continue;
      int line = i + 1;
      for (String[] p : pending) {
        checkOne(p[0], p[1], line, all, apis, failures);
      }
      pending.clear();
    }
    for (String[] p : pending) {
      failures.add("expectation on line " + p[2] + " is not followed by code");
    }
    if (expectations == 0) failures.add("the snippet has no EXPECT- comment");
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures) + "\n--- statements:\n" + describe(all)
          + "--- apis: " + apis + "\n--- code:\n" + numbered(lines));
    }
  }

  /** A line holding only a comment: expectations describe the code after it. */
  private static boolean isComment(String line, String comment) {
    return line.trim().startsWith(comment);
  }

  private static void checkOne(String what, String arg, int line, List<Statement> all,
      Set<String> apis, List<String> failures) {
    Set<String> names = names(arg);
    if (what.equals("API")) {
      for (String n : names) {
        if (!apis.contains(n)) failures.add("line " + line + ": API " + n + " missing from " + apis);
      }
      return;
    }
    if (what.equals("NO-API")) {
      for (String n : names) {
        if (apis.contains(n)) failures.add("line " + line + ": API " + n + " unexpected in " + apis);
      }
      return;
    }
    Statement s = statementAt(line, all);
    if (s == null) {
      failures.add("line " + line + ": no statement starts here (EXPECT-" + what + ")");
      return;
    }
    switch (what) {
      case "DEFS" -> exact("defs", names, s.defs(), line, failures);
      case "USES" -> exact("uses", names, s.uses(), line, failures);
      case "CALLS" -> exact("calls", names, new LinkedHashSet<>(s.calls()), line, failures);
      case "NO-DEFS" -> none("defs", names, s.defs(), line, failures);
      case "NO-USES" -> none("uses", names, s.uses(), line, failures);
      case "KIND" -> {
        if (!s.kind().name().equals(arg)) {
          failures.add("line " + line + ": kind " + s.kind() + ", expected " + arg);
        }
      }
      case "LABEL" -> {
        if (!arg.equals(s.label())) {
          failures.add("line " + line + ": label " + s.label() + ", expected " + arg);
        }
      }
      default -> failures.add("line " + line + ": unknown expectation EXPECT-" + what);
    }
  }

  private static void exact(String what, Set<String> want, Set<String> got, int line,
      List<String> failures) {
    if (!new TreeSet<>(want).equals(new TreeSet<>(got))) {
      failures.add("line " + line + ": " + what + " " + new TreeSet<>(got) + ", expected "
          + new TreeSet<>(want));
    }
  }

  private static void none(String what, Set<String> banned, Set<String> got, int line,
      List<String> failures) {
    for (String b : banned) {
      if (got.contains(b)) failures.add("line " + line + ": " + what + " " + got + " hold " + b);
    }
  }

  private static Set<String> names(String arg) {
    if (arg.isEmpty()) return Set.of();
    return Arrays.stream(arg.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The innermost statement starting on {@code line}; a LABEL yields to the statement it labels. */
  private static Statement statementAt(int line, List<Statement> all) {
    Statement found = null;
    for (Statement s : all) {
      if (s.startLine() == line && (found == null || found.kind() == StatementKind.LABEL)) {
        found = s;
      }
    }
    return found;
  }

  /** All statements in pre-order, nested ones included. */
  public static List<Statement> flatten(List<Statement> statements) {
    List<Statement> out = new ArrayList<>();
    for (Statement s : statements) {
      out.add(s);
      for (Block b : s.blocks()) out.addAll(flatten(b.statements()));
    }
    return out;
  }

  private static String describe(List<Statement> all) {
    StringBuilder sb = new StringBuilder();
    for (Statement s : all) {
      sb.append("  ").append(s.startLine()).append('-').append(s.headerEndLine()).append('-')
          .append(s.endLine()).append(' ').append(s.kind()).append(" defs=").append(s.defs())
          .append(" uses=").append(s.uses()).append(" calls=").append(s.calls())
          .append(s.label() == null ? "" : " label=" + s.label()).append('\n');
    }
    return sb.toString();
  }

  private static String numbered(String[] lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) sb.append(i + 1).append(": ").append(lines[i]).append('\n');
    return sb.toString();
  }
}
