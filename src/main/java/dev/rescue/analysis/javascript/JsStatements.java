package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Turns JavaScript statement nodes into {@link TreeSitterDraft}s, the {@link Statement}s to be.
 *
 * <p>Conventions beyond the {@link Statement} contract (shared with the Java and Go front-ends): a
 * labelled statement becomes a one-line LABEL statement followed by the statement it labels;
 * {@code break}/{@code continue} with a label carry it in {@link Statement#label()}; a catch
 * parameter is defined by a SIMPLE statement on the catch line, first in its CATCH block. A
 * statement holding callbacks with multi-line bodies ({@code app.get('/', (req, res) => {..})}, a
 * nested function declaration) is a BLOCK with one BODY block per callback, in order; its header
 * (everything outside the bodies) defines the callbacks' parameters. Nesting deeper than {@link
 * #MAX_DEPTH} is flattened.
 */
final class JsStatements {
  static final int MAX_DEPTH = 150;
  static final Set<String> FUNCTIONS = Set.of("function_expression", "arrow_function",
      "function_declaration", "generator_function", "generator_function_declaration", "method_definition");

  private final TreeSitterSource src;
  private final JsDataFlow flow;

  JsStatements(TreeSitterSource src, JsModules modules) {
    this.src = src;
    this.flow = new JsDataFlow(src, modules);
  }

  /** The statements of a block body, or the single statement when the body is not a block. */
  List<TreeSitterDraft> body(TSNode node, int depth) {
    List<TreeSitterDraft> out = new ArrayList<>();
    if (node == null) return out;
    String t = node.getType();
    if ("statement_block".equals(t) || "program".equals(t) || "ERROR".equals(t) || "class_body".equals(t)) {
      for (TSNode c : TreeSitterNodes.namedChildren(node)) {
        if (!"comment".equals(c.getType())) add(c, depth, out);
      }
    } else if ("else_clause".equals(t) || "finally_clause".equals(t)) {
      for (TSNode c : TreeSitterNodes.namedChildren(node)) {
        if (!"comment".equals(c.getType())) out.addAll(body(c, depth));
      }
    } else {
      add(node, depth, out);
    }
    return out;
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
        TreeSitterDraft d = compound(StatementKind.IF, n, then);
        flow.add(field(n, "condition"), Set.of(), d);
        d.block(BlockRole.THEN).addAll(body(then, depth + 1));
        if (alt != null) d.block(BlockRole.ELSE).addAll(body(alt, depth + 1));
        out.add(d);
      }
      case "while_statement", "do_statement" -> {
        TreeSitterDraft d = loop(n);
        flow.add(field(n, "condition"), Set.of(), d);
        loopBody(n, d, depth, out);
      }
      case "for_statement" -> {
        TreeSitterDraft d = loop(n);
        for (String f : List.of("initializer", "condition", "increment")) {
          for (TSNode h : TreeSitterNodes.fieldChildren(n, f)) flow.add(h, Set.of(), d);
        }
        loopBody(n, d, depth, out);
      }
      case "for_in_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = loop(n);
        flow.add(n, body == null ? Set.of() : Set.of(body), d);
        loopBody(n, d, depth, out);
      }
      case "switch_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.SWITCH, n, body);
        flow.add(field(n, "value"), Set.of(), d);
        for (TSNode c : TreeSitterNodes.namedChildren(body)) {
          if (!"switch_case".equals(c.getType()) && !"switch_default".equals(c.getType())) continue;
          List<TreeSitterDraft> stmts = d.block(BlockRole.CASE);
          for (TSNode s : TreeSitterNodes.fieldChildren(c, "body")) add(s, depth + 1, stmts);
        }
        out.add(d);
      }
      case "try_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.TRY, n, body);
        d.block(BlockRole.TRY).addAll(body(body, depth + 1));
        TSNode handler = field(n, "handler");
        if (handler != null) {
          List<TreeSitterDraft> stmts = d.block(BlockRole.CATCH);
          TSNode param = field(handler, "parameter");
          if (param != null) {
            int line = src.startLine(handler);
            TreeSitterDraft p = new TreeSitterDraft(StatementKind.SIMPLE, line, line, line);
            flow.add(param, JsDataFlow.DEF, Set.of(), p);
            stmts.add(p);
          }
          stmts.addAll(body(field(handler, "body"), depth + 1));
        }
        TSNode fin = field(n, "finalizer");
        if (fin != null) d.block(BlockRole.FINALLY).addAll(body(field(fin, "body"), depth + 1));
        out.add(d);
      }
      case "statement_block" -> {
        TreeSitterDraft d = compound(StatementKind.BLOCK, n, n);
        d.block(BlockRole.BODY).addAll(body(n, depth + 1));
        out.add(d);
      }
      case "with_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.BLOCK, n, body);
        flow.add(field(n, "object"), Set.of(), d);
        d.block(BlockRole.BODY).addAll(body(body, depth + 1));
        out.add(d);
      }
      case "labeled_statement" -> {
        out.add(new TreeSitterDraft(StatementKind.LABEL, start, start, start).label(src.text(field(n, "label"))));
        TSNode body = field(n, "body");
        if (body != null) add(body, depth + 1, out);
      }
      case "return_statement" -> out.add(simple(StatementKind.RETURN, n));
      case "throw_statement" -> out.add(simple(StatementKind.THROW, n));
      case "break_statement", "continue_statement" -> {
        TSNode label = field(n, "label");
        out.add(new TreeSitterDraft("break_statement".equals(t) ? StatementKind.BREAK : StatementKind.CONTINUE,
            start, end, end).label(label == null ? null : src.text(label)));
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

  private static boolean hasStatementChild(TSNode n) {
    for (TSNode c : TreeSitterNodes.namedChildren(n)) {
      String t = c.getType();
      if (t.endsWith("_statement") || t.endsWith("_declaration") || "statement_block".equals(t)) return true;
    }
    return false;
  }

  /** A simple statement, or a BLOCK around the multi-line bodies of the functions it holds. */
  TreeSitterDraft withCallbacks(TSNode n, int depth) {
    List<TSNode> functions = new ArrayList<>();
    TreeSitterNodes.walk(n, x -> {
      if (FUNCTIONS.contains(x.getType())) {
        TSNode body = field(x, "body");
        if (body != null && "statement_block".equals(body.getType()) && src.endLine(body) > src.startLine(body)) {
          functions.add(x);
          return false;
        }
      }
      return true;
    });
    if (functions.isEmpty()) return simple(StatementKind.SIMPLE, n);
    Set<TSNode> bodies = new HashSet<>();
    for (TSNode f : functions) bodies.add(field(f, "body"));
    TreeSitterDraft d = compound(StatementKind.BLOCK, n, field(functions.get(0), "body"));
    if (functions.get(0).equals(n)) {
      // A nested function declaration or method: its name and parameters are the header.
      TSNode name = field(n, "name");
      if (name != null && "function_declaration".equals(n.getType())) d.def(src.text(name));
    } else {
      flow.add(n, bodies, d);
    }
    for (TSNode f : functions) {
      flow.add(parameters(f), JsDataFlow.DEF, Set.of(), d);
      d.block(BlockRole.BODY).addAll(body(field(f, "body"), depth + 1));
    }
    return d;
  }

  static TSNode parameters(TSNode function) {
    TSNode p = field(function, "parameters");
    return p != null ? p : field(function, "parameter");
  }

  private TreeSitterDraft loop(TSNode n) {
    return compound(StatementKind.LOOP, n, field(n, "body"));
  }

  private void loopBody(TSNode n, TreeSitterDraft loop, int depth, List<TreeSitterDraft> out) {
    loop.block(BlockRole.BODY).addAll(body(field(n, "body"), depth + 1));
    out.add(loop);
  }

  /** Header: from the statement's start to the line where its first body starts (its brace). */
  private TreeSitterDraft compound(StatementKind kind, TSNode n, TSNode firstBody) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    int headerEnd = firstBody == null ? end : src.startLine(firstBody);
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
