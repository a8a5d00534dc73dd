package dev.rescue.analysis.c;

import static dev.rescue.analysis.TreeSitterNodes.children;
import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;
import static dev.rescue.analysis.TreeSitterNodes.opensUnfinishedCall;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.StatementKind;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Turns C and C++ statement nodes into {@link TreeSitterDraft}s.
 *
 * <p>Where the contract is silent: a {@code do ... while (c);} loop's header is its {@code do}
 * line and its facts are those of {@code c}; a labelled statement is a one-line LABEL followed by
 * the statement it labels, in the same block; the statements of {@code #if/#ifdef} branches are
 * read in line order as if the directives were absent (both branches, as the slicer cannot know
 * which one is compiled); a C++ {@code catch (E& e)} opens its CATCH block with a one-line SIMPLE
 * statement for its header, defining {@code e}; the loose pieces of an ERROR node become SIMPLE
 * statements, one per line run.
 */
final class CFamilyStatements {
  /** Deeper nesting than this is read as one SIMPLE statement, to bound recursion. */
  private static final int MAX_DEPTH = 200;

  private static final Set<String> PREPROC_CONDITIONALS = Set.of(
      "preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef");
  private static final Set<String> SKIPPED = Set.of(
      "comment", "preproc_include", "preproc_def", "preproc_function_def", "preproc_call",
      "preproc_directive", "{", "}");
  private static final Set<String> STATEMENTS = Set.of(
      "compound_statement", "expression_statement", "declaration", "if_statement",
      "while_statement", "for_statement", "for_range_loop", "do_statement", "switch_statement",
      "case_statement", "return_statement", "break_statement", "continue_statement",
      "goto_statement", "labeled_statement", "try_statement", "throw_statement",
      "attributed_statement", "type_definition", "co_return_statement", "static_assert_declaration",
      "alias_declaration", "using_declaration", "namespace_alias_definition",
      "function_definition", "seh_try_statement", "seh_leave_statement");

  private final TreeSitterSource src;
  private final CFamilyDataFlow flow;

  CFamilyStatements(TreeSitterSource src) {
    this.src = src;
    this.flow = new CFamilyDataFlow(src);
  }

  /** The statements of a body: a compound statement, a single statement, or an ERROR/root node. */
  List<TreeSitterDraft> body(TSNode node, int depth) {
    List<TreeSitterDraft> out = new ArrayList<>();
    if (!isPresent(node)) return out;
    String t = node.getType();
    if ("compound_statement".equals(t) || "translation_unit".equals(t) || "ERROR".equals(t)
        || PREPROC_CONDITIONALS.contains(t)) {
      list(node, depth, out);
    } else {
      statement(node, depth, out);
    }
    return out;
  }

  private void list(TSNode parent, int depth, List<TreeSitterDraft> out) {
    List<TSNode> loose = new ArrayList<>();
    boolean preproc = PREPROC_CONDITIONALS.contains(parent.getType());
    TSNode condition = preproc ? field(parent, "condition") : null;
    TSNode name = preproc ? field(parent, "name") : null;
    for (TSNode child : namedChildren(parent)) {
      String t = child.getType();
      if (SKIPPED.contains(t) || same(child, condition) || same(child, name)) continue;
      if (STATEMENTS.contains(t)) {
        flushLoose(loose, out);
        statement(child, depth, out);
      } else if ("ERROR".equals(t) || PREPROC_CONDITIONALS.contains(t)) {
        flushLoose(loose, out);
        list(child, depth + 1, out);
      } else {
        loose.add(child);
      }
    }
    flushLoose(loose, out);
  }

  private static boolean same(TSNode a, TSNode b) {
    return isPresent(a) && isPresent(b) && a.getStartByte() == b.getStartByte()
        && a.getEndByte() == b.getEndByte();
  }

  /** Loose expressions (in ERROR nodes, at top level) become one SIMPLE statement per line run. */
  private void flushLoose(List<TSNode> loose, List<TreeSitterDraft> out) {
    TreeSitterDraft cur = null;
    for (TSNode n : loose) {
      if (cur == null || src.startLine(n) > cur.endLine()) {
        cur = new TreeSitterDraft(StatementKind.SIMPLE, src.startLine(n), src.endLine(n), src.endLine(n));
        out.add(cur);
      } else {
        cur.extendTo(src.endLine(n));
      }
      TSNode next = n.getNextSibling();
      if (isPresent(next) && !next.isNamed() && "=".equals(next.getType())) {
        flow.target(n, cur);
      } else {
        flow.expression(n, cur);
        if (opensUnfinishedCall(n)) {
          // `strcpy(dst, src` left unfinished: the callee and `(` are siblings in an ERROR.
          cur.call(flow.calleeText(n));
          if ("identifier".equals(n.getType())) cur.callee(src.text(n));
        }
      }
    }
    loose.clear();
  }

  private void statement(TSNode n, int depth, List<TreeSitterDraft> out) {
    String t = n.getType();
    if (depth > MAX_DEPTH) {
      TreeSitterDraft d = simple(n);
      flow.expression(n, d);
      out.add(d);
      return;
    }
    switch (t) {
      case "compound_statement" -> {
        TreeSitterDraft d = new TreeSitterDraft(StatementKind.BLOCK, src.startLine(n),
            src.startLine(n), src.endLine(n));
        d.block(BlockRole.BODY).addAll(body(n, depth + 1));
        out.add(d);
      }
      case "if_statement" -> {
        TSNode cond = field(n, "condition");
        TreeSitterDraft d = header(StatementKind.IF, n, cond);
        flow.expression(cond, d);
        d.block(BlockRole.THEN).addAll(body(field(n, "consequence"), depth + 1));
        TSNode alt = field(n, "alternative");
        if (isPresent(alt)) {
          List<TreeSitterDraft> elseBlock = d.block(BlockRole.ELSE);
          for (TSNode k : namedChildren(alt)) {
            if (!"comment".equals(k.getType())) elseBlock.addAll(body(k, depth + 1));
          }
        }
        out.add(d);
      }
      case "while_statement" -> {
        TSNode cond = field(n, "condition");
        TreeSitterDraft d = header(StatementKind.LOOP, n, cond);
        flow.expression(cond, d);
        d.block(BlockRole.BODY).addAll(body(field(n, "body"), depth + 1));
        out.add(d);
      }
      case "for_statement", "for_range_loop" -> {
        TSNode bodyNode = field(n, "body");
        TreeSitterDraft d = new TreeSitterDraft(StatementKind.LOOP, src.startLine(n),
            closingParenLine(n, bodyNode), src.endLine(n));
        for (TSNode k : namedChildren(n)) {
          if (same(k, bodyNode)) continue;
          if ("for_range_loop".equals(t) && same(k, field(n, "declarator"))) {
            flow.declarator(k, d);
          } else if (!same(k, field(n, "type"))) {
            flow.expression(k, d);
          }
        }
        d.block(BlockRole.BODY).addAll(body(bodyNode, depth + 1));
        out.add(d);
      }
      case "do_statement" -> {
        TreeSitterDraft d = new TreeSitterDraft(StatementKind.LOOP, src.startLine(n),
            src.startLine(n), src.endLine(n));
        flow.expression(field(n, "condition"), d);
        d.block(BlockRole.BODY).addAll(body(field(n, "body"), depth + 1));
        out.add(d);
      }
      case "switch_statement" -> {
        TSNode cond = field(n, "condition");
        TreeSitterDraft d = header(StatementKind.SWITCH, n, cond);
        flow.expression(cond, d);
        List<TreeSitterDraft> current = null;
        for (TSNode k : namedChildren(field(n, "body"))) {
          if ("case_statement".equals(k.getType())) {
            current = d.block(BlockRole.CASE);
            TSNode value = field(k, "value");
            for (TSNode s : namedChildren(k)) {
              if (!same(s, value)) current.addAll(body(s, depth + 1));
            }
          } else if (!"comment".equals(k.getType())) {
            if (current == null) current = d.block(BlockRole.CASE);
            current.addAll(body(k, depth + 1));
          }
        }
        out.add(d);
      }
      case "case_statement" -> { // a case outside a switch (broken code): keep its statements
        TSNode value = field(n, "value");
        for (TSNode s : namedChildren(n)) {
          if (!same(s, value)) out.addAll(body(s, depth + 1));
        }
      }
      case "return_statement", "co_return_statement" -> out.add(withFacts(n, StatementKind.RETURN));
      case "throw_statement" -> out.add(withFacts(n, StatementKind.THROW));
      case "break_statement" -> out.add(simple(n).kind(StatementKind.BREAK));
      case "continue_statement" -> out.add(simple(n).kind(StatementKind.CONTINUE));
      case "goto_statement" -> out.add(simple(n).kind(StatementKind.GOTO)
          .label(src.text(field(n, "label"))));
      case "labeled_statement" -> {
        TSNode label = field(n, "label");
        int line = isPresent(label) ? src.startLine(label) : src.startLine(n);
        out.add(new TreeSitterDraft(StatementKind.LABEL, line, line, line)
            .label(src.text(label)));
        for (TSNode k : namedChildren(n)) {
          if (!same(k, label) && !"comment".equals(k.getType())) out.addAll(body(k, depth + 1));
        }
      }
      case "attributed_statement" -> {
        for (TSNode k : namedChildren(n)) {
          if (!"attribute_declaration".equals(k.getType())) out.addAll(body(k, depth + 1));
        }
      }
      case "try_statement" -> out.add(tryStatement(n, depth));
      case "declaration" -> {
        TreeSitterDraft d = simple(n);
        flow.declaration(n, d);
        out.add(d);
      }
      case "function_definition" -> { // a nested or local function (GNU C, broken code)
        TreeSitterDraft d = simple(n);
        out.add(d);
      }
      default -> out.add(withFacts(n, StatementKind.SIMPLE));
    }
  }

  private TreeSitterDraft simple(TSNode n) {
    return new TreeSitterDraft(StatementKind.SIMPLE, src.startLine(n), src.endLine(n), src.endLine(n));
  }

  private TreeSitterDraft withFacts(TSNode n, StatementKind kind) {
    TreeSitterDraft d = simple(n).kind(kind);
    for (TSNode k : namedChildren(n)) flow.expression(k, d);
    return d;
  }

  /** A compound draft whose header ends with its condition. */
  private TreeSitterDraft header(StatementKind kind, TSNode n, TSNode condition) {
    int start = src.startLine(n);
    int headerEnd = isPresent(condition) ? src.endLine(condition) : start;
    return new TreeSitterDraft(kind, start, headerEnd, src.endLine(n));
  }

  /** The line of the last {@code )} before the body of a for loop. */
  private int closingParenLine(TSNode n, TSNode body) {
    int line = src.startLine(n);
    int bodyStart = isPresent(body) ? body.getStartByte() : Integer.MAX_VALUE;
    for (TSNode k : children(n)) {
      if (k.getStartByte() >= bodyStart) break;
      if (!k.isNamed() && ")".equals(k.getType())) line = src.startLine(k);
    }
    return line;
  }

  private TreeSitterDraft tryStatement(TSNode n, int depth) {
    TreeSitterDraft d = new TreeSitterDraft(StatementKind.TRY, src.startLine(n),
        src.startLine(n), src.endLine(n));
    d.block(BlockRole.TRY).addAll(body(field(n, "body"), depth + 1));
    for (TSNode k : namedChildren(n)) {
      if (!"catch_clause".equals(k.getType())) continue;
      List<TreeSitterDraft> catchBlock = d.block(BlockRole.CATCH);
      TSNode params = field(k, "parameters");
      int hs = src.startLine(k);
      int he = isPresent(params) ? src.endLine(params) : hs;
      TreeSitterDraft header = new TreeSitterDraft(StatementKind.SIMPLE, hs, he, he);
      for (TSNode p : namedChildren(params)) flow.declarator(field(p, "declarator"), header);
      catchBlock.add(header);
      catchBlock.addAll(body(field(k, "body"), depth + 1));
    }
    return d;
  }
}
