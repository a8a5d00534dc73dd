package dev.rescue.analysis.go;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterNodes.FieldedChild;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Turns Go statement nodes into {@link TreeSitterDraft}s, the {@link Statement}s to be.
 *
 * <p>Conventions beyond the {@link Statement} contract (shared with the Java and JavaScript
 * front-ends): a labelled statement becomes a one-line LABEL statement followed by the statement
 * it labels; {@code break}/{@code continue} with a label, and {@code goto}, carry it in {@link
 * Statement#label()}. {@code switch}, type switches and {@code select} are SWITCH statements with
 * one CASE block per clause; the communication of a {@code select} case ({@code case v := <-ch:})
 * is a SIMPLE statement on the case line, first in its block. A {@code defer} or {@code go} of a
 * function literal, like any statement holding a multi-line function literal, is a BLOCK whose
 * BODY is the literal's body; a plain {@code defer f.Close()} is SIMPLE. {@code panic(..)} is a
 * THROW. Known gap: Go cases do not fall through, but the slicer's SWITCH model assumes they do
 * unless a BREAK ends them (conservative: extra data flow, never missing flow).
 */
final class GoStatements {
  static final int MAX_DEPTH = 150;

  private final TreeSitterSource src;
  private final GoDataFlow flow;

  GoStatements(TreeSitterSource src, GoPackages packages) {
    this.src = src;
    this.flow = new GoDataFlow(src, packages);
  }

  /** The statements of a block, statement list or source file. */
  List<TreeSitterDraft> body(TSNode node, int depth) {
    List<TreeSitterDraft> out = new ArrayList<>();
    if (node == null) return out;
    for (TSNode c : TreeSitterNodes.namedChildren(node)) addAny(c, depth, out);
    return out;
  }

  private void addAny(TSNode c, int depth, List<TreeSitterDraft> out) {
    switch (c.getType()) {
      case "comment", "package_clause", "import_declaration", "{", "}" -> { }
      case "statement_list" -> {
        for (TSNode s : TreeSitterNodes.namedChildren(c)) addAny(s, depth, out);
      }
      default -> add(c, depth, out);
    }
  }

  void add(TSNode n, int depth, List<TreeSitterDraft> out) {
    String t = n.getType();
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    if (depth > MAX_DEPTH) {
      out.add(simple(StatementKind.SIMPLE, n));
      return;
    }
    switch (t) {
      case "if_statement" -> {
        TSNode then = field(n, "consequence");
        TSNode alt = field(n, "alternative");
        TreeSitterDraft d = compound(StatementKind.IF, n, then, null);
        flow.add(field(n, "initializer"), Set.of(), d);
        flow.add(field(n, "condition"), Set.of(), d);
        d.block(BlockRole.THEN).addAll(body(then, depth + 1));
        if (alt != null) {
          List<TreeSitterDraft> elseStmts = d.block(BlockRole.ELSE);
          if ("if_statement".equals(alt.getType())) add(alt, depth + 1, elseStmts);
          else elseStmts.addAll(body(alt, depth + 1));
        }
        out.add(d);
      }
      case "for_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.LOOP, n, body, null);
        flow.add(n, body == null ? Set.of() : Set.of(body), d);
        d.block(BlockRole.BODY).addAll(body(body, depth + 1));
        out.add(d);
      }
      case "expression_switch_statement", "type_switch_statement", "select_statement" -> {
        List<TSNode> clauses = new ArrayList<>();
        for (TSNode c : TreeSitterNodes.namedChildren(n)) {
          if (c.getType().endsWith("_case")) clauses.add(c);
        }
        TreeSitterDraft d = compound(StatementKind.SWITCH, n, null, clauses.isEmpty() ? null : clauses.get(0));
        Set<TSNode> clauseSet = new HashSet<>(clauses);
        for (TSNode c : TreeSitterNodes.namedChildren(n)) {
          if (clauseSet.contains(c)) continue;
          if ("alias".equals(fieldOf(n, c))) flow.add(c, GoDataFlow.DEF, Set.of(), d);
          else flow.add(c, Set.of(), d);
        }
        for (TSNode c : clauses) {
          List<TreeSitterDraft> stmts = d.block(BlockRole.CASE);
          TSNode comm = field(c, "communication");
          if (comm != null) stmts.add(simple(StatementKind.SIMPLE, comm));
          for (TSNode s : TreeSitterNodes.namedChildren(c)) {
            if ("statement_list".equals(s.getType())) addAny(s, depth + 1, stmts);
          }
        }
        out.add(d);
      }
      case "block" -> {
        TreeSitterDraft d = compound(StatementKind.BLOCK, n, n, null);
        d.block(BlockRole.BODY).addAll(body(n, depth + 1));
        out.add(d);
      }
      case "labeled_statement" -> {
        out.add(new TreeSitterDraft(StatementKind.LABEL, start, start, start).label(src.text(field(n, "label"))));
        for (TSNode c : TreeSitterNodes.namedChildren(n)) {
          if (!"label_name".equals(c.getType()) && !"comment".equals(c.getType())) add(c, depth + 1, out);
        }
      }
      case "return_statement" -> out.add(simple(StatementKind.RETURN, n));
      case "break_statement", "continue_statement", "goto_statement" -> {
        TSNode label = TreeSitterNodes.firstDescendant(n, x -> "label_name".equals(x.getType()));
        StatementKind kind = switch (t) {
          case "break_statement" -> StatementKind.BREAK;
          case "continue_statement" -> StatementKind.CONTINUE;
          default -> StatementKind.GOTO;
        };
        out.add(new TreeSitterDraft(kind, start, end, end).label(label == null ? null : src.text(label)));
      }
      case "empty_statement" -> { }
      case "ERROR" -> {
        if (hasStatementChild(n)) {
          out.addAll(body(n, depth + 1));
        } else {
          out.add(withCallbacks(n, depth));
        }
      }
      default -> out.add(withCallbacks(n, depth));
    }
  }

  private static String fieldOf(TSNode parent, TSNode child) {
    for (FieldedChild k : TreeSitterNodes.fieldedChildren(parent)) {
      if (k.node().equals(child)) return k.field();
    }
    return null;
  }

  private static boolean hasStatementChild(TSNode n) {
    for (TSNode c : TreeSitterNodes.namedChildren(n)) {
      String t = c.getType();
      if (t.endsWith("_statement") || t.endsWith("_declaration") || "block".equals(t)
          || "statement_list".equals(t)) return true;
    }
    return false;
  }

  /** A simple statement, or a BLOCK around the multi-line bodies of its function literals. */
  TreeSitterDraft withCallbacks(TSNode n, int depth) {
    List<TSNode> functions = new ArrayList<>();
    TreeSitterNodes.walk(n, x -> {
      if ("func_literal".equals(x.getType()) || !x.equals(n) && ("function_declaration".equals(x.getType())
          || "method_declaration".equals(x.getType()))) {
        TSNode body = field(x, "body");
        if (body != null && src.endLine(body) > src.startLine(body)) {
          functions.add(x);
          return false;
        }
      }
      return true;
    });
    if ("function_declaration".equals(n.getType()) || "method_declaration".equals(n.getType())) {
      if (field(n, "body") != null) functions.add(0, n);
    }
    if (functions.isEmpty()) return simple(isPanic(n) ? StatementKind.THROW : StatementKind.SIMPLE, n);
    Set<TSNode> bodies = new HashSet<>();
    for (TSNode f : functions) bodies.add(field(f, "body"));
    TreeSitterDraft d = compound(StatementKind.BLOCK, n, field(functions.get(0), "body"), null);
    flow.add(n, bodies, d);
    for (TSNode f : functions) {
      flow.add(field(f, "parameters"), GoDataFlow.DEF, Set.of(), d);
      d.block(BlockRole.BODY).addAll(body(field(f, "body"), depth + 1));
    }
    return d;
  }

  private boolean isPanic(TSNode n) {
    if (!"expression_statement".equals(n.getType()) || n.getNamedChildCount() == 0) return false;
    TSNode call = n.getNamedChild(0);
    return "call_expression".equals(call.getType()) && "panic".equals(src.text(field(call, "function")));
  }

  /** Header: from the statement's start to its first body's brace (or the line before its first case). */
  private TreeSitterDraft compound(StatementKind kind, TSNode n, TSNode firstBody, TSNode firstCase) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    int headerEnd;
    if (firstBody != null) headerEnd = src.startLine(firstBody);
    else if (firstCase != null) headerEnd = src.startLine(firstCase) - 1;
    else headerEnd = start;
    headerEnd = Math.max(start, Math.min(headerEnd, end));
    return new TreeSitterDraft(kind, start, headerEnd, end);
  }

  private TreeSitterDraft simple(StatementKind kind, TSNode n) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    TreeSitterDraft d = new TreeSitterDraft(kind, start, end, end);
    flow.add(n, Set.of(), d);
    return d;
  }
}
