package dev.rescue.analysis.slicing;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import dev.rescue.model.Language;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a set of kept lines into slice text that parses: {@link #close} adds the lines the kept
 * ones need around them, {@link #print} writes the kept lines unchanged and one elision comment
 * ({@code # ...} or {@code // ...}) per run of dropped lines, indented like the least indented
 * dropped line. Runs of blank lines alone are dropped without a marker.
 *
 * <p>What {@link #close} adds: the whole of every statement one of whose own lines is kept; the
 * function signature and, in brace languages, its closing line; for every compound statement
 * holding a kept line, its header, its closing lines (closing braces, a do-while's condition) and
 * the lines that open each block holding a kept line ({@code else:}, {@code } else {},
 * {@code except E:}, {@code case X:}). So that the slice still parses it also keeps the first
 * statement of a kept compound's first block when that block has no braces (always in Python),
 * and one handler of a kept {@code try}.
 *
 * <p>One printer serves one pair (it remembers the layout of the line lists it has closed); not thread-safe.
 */
final class SlicePrinter {
  private final Language language;
  private final boolean indentation; // blocks by indentation (Python): a block cannot be empty

  /** What close() reads of a version's lines besides its statements: its braces and comments. */
  private record Layout(List<int[]> braces, BitSet comments, List<int[]> blockComments) {}

  /**
   * The layout of each version, by identity: the slicer closes the same two line lists in every
   * alignment round, and scanning a long function costs more than the rest of a round.
   */
  private final Map<List<String>, Layout> layouts = new IdentityHashMap<>();

  private Layout layout(List<String> lines) {
    if (indentation) return new Layout(List.of(), new BitSet(), List.of());
    return new Layout(BraceMatcher.pairs(lines), BraceMatcher.commentOnlyLines(lines), BraceMatcher.multiLineComments(lines));
  }

  SlicePrinter(Language language) {
    this.language = language;
    this.indentation = language == Language.PYTHON || language == Language.RUBY;
  }

  /** The kept lines plus everything they need to parse; {@code lines} is the function's source. */
  Set<Integer> close(FunctionStructure structure, List<String> lines, Set<Integer> kept) {
    TreeSet<Integer> out = new TreeSet<>(kept);
    Layout layout = layouts.computeIfAbsent(lines, this::layout);
    List<int[]> braces = layout.braces();
    BitSet comments = layout.comments();
    List<int[]> blockComments = layout.blockComments();
    FunctionModel f = structure.function;
    if (f.signatureStartLine() > 0) {
      addRange(out, f.signatureStartLine(), f.signatureEndLine());
      if (!indentation && f.endLine() >= f.signatureEndLine()) out.add(f.endLine());
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 2; i < structure.size(); i++) {
        StatementNode n = structure.nodes.get(i);
        if (anyIn(out, n.ownStart(), n.ownEnd()) && !allIn(out, n.ownStart(), n.ownEnd())) {
          addRange(out, n.ownStart(), n.ownEnd());
          changed = true;
        }
      }
      for (int i = 2; i < structure.size(); i++) {
        Statement s = structure.nodes.get(i).statement;
        if (s.isCompound() && anyIn(out, s.startLine(), s.endLine())) {
          changed |= keepFrame(s, lines, comments, out);
        }
      }
      if (indentation) {
        changed |= keepSuiteBodies(structure, lines, out);
      } else {
        changed |= keepBracePairs(braces, out);
        changed |= keepCommentEnds(blockComments, out);
      }
    }
    return out;
  }

  /** Keeps both lines of every brace pair that encloses or touches a kept line. */
  private static boolean keepBracePairs(List<int[]> braces, TreeSet<Integer> out) {
    boolean changed = false;
    for (int[] p : braces) {
      if (out.contains(p[0]) && out.contains(p[1])) continue;
      Integer inside = out.ceiling(p[0]);
      if (inside != null && inside <= p[1]) {
        changed |= out.add(p[0]);
        changed |= out.add(p[1]);
      }
    }
    return changed;
  }

  /**
   * Keeps the whole of every multi-line block comment of which some line is kept but its first or
   * its last line is not: a statement's trailing {@code /* ...} that runs on, or a comment line
   * that is a changed line, would otherwise leave the slice inside an unclosed comment.
   */
  private static boolean keepCommentEnds(List<int[]> comments, TreeSet<Integer> out) {
    boolean changed = false;
    for (int[] c : comments) {
      if (out.contains(c[0]) && out.contains(c[1])) continue;
      Integer inside = out.ceiling(c[0]);
      if (inside != null && inside <= c[1]) {
        addRange(out, c[0], c[1]);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * In Python a line opening a suite ({@code except E as e:}, {@code else:}) needs a statement
   * under it; an elision comment is not one. Keeps the statement on the first code line below
   * every kept opener whose body would otherwise be empty. Line-based on purpose: some front-ends
   * model a handler's {@code except} line as the handler block's first statement.
   */
  private boolean keepSuiteBodies(FunctionStructure structure, List<String> lines, Set<Integer> out) {
    boolean changed = false;
    for (int l : List.copyOf(out)) {
      if (l > lines.size() || !OPENER.matcher(lines.get(l - 1)).find()) continue;
      int next = l + 1;
      while (next <= lines.size() && (lines.get(next - 1).isBlank() || isComment(lines.get(next - 1).strip()))) next++;
      if (next > lines.size() || out.contains(next)) continue;
      int openerIndent = indentOf(lines.get(l - 1));
      if (indentOf(lines.get(next - 1)) <= openerIndent) continue; // a one-line suite
      if (suiteHoldsKeptLine(lines, next, openerIndent, out)) continue;
      List<Integer> owners = structure.nodesOwningLine(next);
      out.add(next);
      for (int n : owners) {
        if (n >= 2) addRange(out, structure.nodes.get(n).ownStart(), structure.nodes.get(n).ownEnd());
      }
      changed = true;
    }
    return changed;
  }

  /** True when a line of the suite starting at {@code first} (deeper than the opener) is kept. */
  private boolean suiteHoldsKeptLine(List<String> lines, int first, int openerIndent, Set<Integer> out) {
    for (int l = first; l <= lines.size(); l++) {
      String line = lines.get(l - 1);
      if (line.isBlank() || isComment(line.strip())) continue;
      if (indentOf(line) <= openerIndent) return false;
      if (out.contains(l)) return true;
    }
    return false;
  }

  private static final java.util.regex.Pattern OPENER = java.util.regex.Pattern.compile(":\\s*(#[^'\"]*)?$");

  /** Keeps what a compound statement that holds a kept line needs; true when it added a line. */
  private boolean keepFrame(Statement s, List<String> lines, BitSet comments, Set<Integer> out) {
    int before = out.size();
    addRange(out, s.startLine(), s.headerEndLine());
    int previousEnd = s.headerEndLine();
    boolean handlerKept = false;
    int firstHandler = -1;
    List<Block> blocks = s.blocks();
    for (int b = 0; b < blocks.size(); b++) {
      List<Statement> body = blocks.get(b).statements();
      if (body.isEmpty()) continue;
      int first = body.get(0).startLine();
      int last = body.get(body.size() - 1).endLine();
      boolean holdsKept = anyIn(out, first, last);
      boolean isHandler = s.kind() == StatementKind.TRY && blocks.get(b).role() != BlockRole.TRY;
      if (isHandler && firstHandler < 0) firstHandler = b;
      if (holdsKept) {
        keepStructural(lines, comments, previousEnd + 1, first - 1, out);
        if (isHandler) handlerKept = true;
      } else if (b == 0 && (indentation || !opensBrace(lines, s.startLine(), first))) {
        keepHead(body.get(0), out);
      } else if (b > 0 && !indentation && keptElse(lines, previousEnd + 1, first - 1, out)
          && !opensBrace(lines, previousEnd + 1, first - 1) && !lines.get(first - 1).strip().startsWith("{")) {
        // a kept "} else" whose body has no braces: an else with no statement does not parse, or
        // worse, takes the next kept statement as its body
        keepHead(body.get(0), out);
      }
      previousEnd = Math.max(previousEnd, last);
    }
    if (s.kind() == StatementKind.TRY && !handlerKept && firstHandler >= 0) {
      keepHandler(s, firstHandler, lines, comments, out);
    }
    keepStructural(lines, comments, previousEnd + 1, s.endLine(), out);
    return out.size() != before;
  }

  private static final java.util.regex.Pattern ELSE = java.util.regex.Pattern.compile("\\belse\\b");

  /** True when a kept line in {@code from..to} holds the keyword {@code else}. */
  private static boolean keptElse(List<String> lines, int from, int to, Set<Integer> out) {
    for (int l = Math.max(1, from); l <= to && l <= lines.size(); l++) {
      if (out.contains(l) && ELSE.matcher(lines.get(l - 1)).find()) return true;
    }
    return false;
  }

  /** A block's first statement: all of a simple one, the header of a compound one. */
  private static void keepHead(Statement head, Set<Integer> out) {
    addRange(out, head.startLine(), head.isCompound() ? head.headerEndLine() : head.endLine());
  }

  private void keepHandler(Statement s, int index, List<String> lines, BitSet comments, Set<Integer> out) {
    int previousEnd = s.headerEndLine();
    for (int b = 0; b < index; b++) {
      List<Statement> body = s.blocks().get(b).statements();
      if (!body.isEmpty()) previousEnd = Math.max(previousEnd, body.get(body.size() - 1).endLine());
    }
    Statement head = s.blocks().get(index).statements().get(0);
    keepStructural(lines, comments, previousEnd + 1, head.startLine() - 1, out);
    if (indentation) addRange(out, head.startLine(), head.isCompound() ? head.headerEndLine() : head.endLine());
  }

  /**
   * Keeps the non-blank, non-comment lines in {@code from..to}: braces, else, case labels.
   * {@code comments} are the lines inside or wholly of comments (brace languages), whose text
   * need not start with a comment marker.
   */
  private void keepStructural(List<String> lines, BitSet comments, int from, int to, Set<Integer> out) {
    for (int l = Math.max(1, from); l <= to && l <= lines.size(); l++) {
      String t = lines.get(l - 1).strip();
      if (t.isEmpty() || isComment(t) || comments.get(l)) continue;
      out.add(l);
    }
  }

  private boolean isComment(String stripped) {
    return stripped.startsWith(language.lineComment()) || stripped.startsWith("/*")
        || (!indentation && stripped.startsWith("*"));
  }

  /** True when a {@code {} appears from the header's first line up to the block's first line. */
  private static boolean opensBrace(List<String> lines, int from, int to) {
    for (int l = from; l <= to && l <= lines.size(); l++) {
      if (lines.get(l - 1).indexOf('{') >= 0) return true;
    }
    return false;
  }

  private static boolean anyIn(Set<Integer> set, int from, int to) {
    for (int l = from; l <= to; l++) {
      if (set.contains(l)) return true;
    }
    return false;
  }

  private static boolean allIn(Set<Integer> set, int from, int to) {
    for (int l = from; l <= to; l++) {
      if (!set.contains(l)) return false;
    }
    return true;
  }

  private static void addRange(Set<Integer> set, int from, int to) {
    for (int l = Math.max(1, from); l <= to; l++) set.add(l);
  }

  /** The slice text: kept lines as they are, each run of dropped lines as one elision comment. */
  String print(List<String> lines, Set<Integer> kept) {
    StringBuilder sb = new StringBuilder();
    int runIndent = Integer.MAX_VALUE;
    String runIndentText = "";
    boolean inRun = false;
    for (int l = 1; l <= lines.size(); l++) {
      String line = lines.get(l - 1);
      if (kept.contains(l)) {
        if (inRun) appendMarker(sb, runIndentText);
        inRun = false;
        runIndent = Integer.MAX_VALUE;
        sb.append(line).append('\n');
      } else if (!line.isBlank()) {
        int indent = indentOf(line);
        if (indent < runIndent) {
          runIndent = indent;
          runIndentText = line.substring(0, indent);
        }
        inRun = true;
      }
    }
    if (inRun) appendMarker(sb, runIndentText);
    if (sb.length() > 0) sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  private void appendMarker(StringBuilder sb, String indent) {
    sb.append(indent).append(language.lineComment()).append(" ...\n");
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
    return i;
  }
}
