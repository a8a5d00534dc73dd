package dev.rescue.analysis.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks expectation comments written above the line they describe, Error Prone style:
 *
 * <pre>
 * // EXPECT-API: child_process.exec        apiCalls(code) contains each name
 * // EXPECT-NO-API: .exec                   apiCalls(code) contains none of them
 * // EXPECT-DEFS: x, y                      the statement starting on the next code line defines exactly these
 * // EXPECT-USES: a                         ... and uses exactly these
 * // EXPECT-KIND: LOOP                      ... and has this kind
 * </pre>
 *
 * The statement of a line is the first one starting there in pre-order, LABEL markers skipped. Used
 * by the Java, JavaScript and Go front-end tests (all three use {@code //} comments).
 */
public final class FrontEndExpectations {
  private static final Pattern EXPECT = Pattern.compile("^\\s*//\\s*EXPECT-([A-Z-]+):(.*)$");

  private FrontEndExpectations() {}

  /** Checks every expectation of {@code code}; fails when there is none (a test that checks nothing). */
  public static void check(LanguageFrontEnd frontEnd, String code) {
    String[] lines = code.split("\n", -1);
    FunctionModel model = frontEnd.function(code);
    Set<String> apis = frontEnd.apiCalls(code);
    int checked = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = EXPECT.matcher(lines[i]);
      if (!m.matches()) continue;
      String what = m.group(1);
      List<String> values = split(m.group(2));
      int target = nextCodeLine(lines, i);
      String where = "line " + target + " (" + (target > 0 ? lines[target - 1].trim() : "?") + ")";
      checked++;
      switch (what) {
        case "API" -> assertThat(apis).as("API calls of the code, expected at " + where).containsAll(values);
        case "NO-API" -> assertThat(apis).as("API calls of the code, unwanted at " + where).doesNotContainAnyElementsOf(values);
        case "DEFS" -> assertThat(new TreeSet<>(statementAt(model, target, where).defs()))
            .as("defs at " + where).isEqualTo(new TreeSet<>(values));
        case "USES" -> assertThat(new TreeSet<>(statementAt(model, target, where).uses()))
            .as("uses at " + where).isEqualTo(new TreeSet<>(values));
        case "KIND" -> assertThat(statementAt(model, target, where).kind().name())
            .as("kind at " + where).isEqualTo(values.get(0));
        default -> throw new IllegalArgumentException("unknown expectation EXPECT-" + what + " at " + where);
      }
    }
    assertThat(checked).as("expectation comments in the test code").isPositive();
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String v : s.split(",")) {
      if (!v.isBlank()) out.add(v.trim());
    }
    return out;
  }

  private static int nextCodeLine(String[] lines, int commentIndex) {
    for (int j = commentIndex + 1; j < lines.length; j++) {
      String t = lines[j].trim();
      if (!t.isEmpty() && !t.startsWith("//")) return j + 1;
    }
    return 0;
  }

  /** The first non-LABEL statement starting on {@code line}, in pre-order. */
  public static Statement statementAt(FunctionModel model, int line, String where) {
    List<Statement> all = new ArrayList<>();
    flatten(model.body(), all);
    return all.stream().filter(s -> s.startLine() == line && s.kind() != dev.rescue.analysis.StatementKind.LABEL)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement starts at " + where + "; statements start at "
            + Arrays.toString(all.stream().mapToInt(Statement::startLine).toArray())));
  }

  /** All statements of a tree, in pre-order. */
  public static void flatten(List<Statement> statements, List<Statement> out) {
    for (Statement s : statements) {
      out.add(s);
      for (Block b : s.blocks()) flatten(b.statements(), out);
    }
  }
}
