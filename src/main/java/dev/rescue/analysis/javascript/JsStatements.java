package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Turns JavaScript statement nodes into {@link Statement}s.
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
  private final JsModules modules;

  JsStatements(TreeSitterSource src, JsModules modules) {
    this.src = src;
    this.modules = modules;
  }

  /** The statements of a block body, or the single statement when the body is not a block. */
  List<Statement> body(TSNode node, int depth) {
    List<Statement> out = new ArrayList<>();
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

  void add(TSNode n, int depth, List<Statement> out) {
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
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(BlockRole.THEN, body(then, depth + 1)));
        if (alt != null) blocks.add(new Block(BlockRole.ELSE, body(alt, depth + 1)));
        out.add(compound(StatementKind.IF, n, then, blocks, fx(field(n, "condition"))));
      }
      case "while_statement" -> loop(n, depth, out, fx(field(n, "condition")));
      case "do_statement" -> loop(n, depth, out, fx(field(n, "condition")));
      case "for_statement" -> {
        JsEffects fx = new JsEffects(src, modules);
        for (String f : List.of("initializer", "condition", "increment")) {
          for (TSNode h : TreeSitterNodes.fieldChildren(n, f)) fx.add(h, Set.of());
        }
        loop(n, depth, out, fx);
      }
      case "for_in_statement" -> {
        TSNode body = field(n, "body");
        loop(n, depth, out, new JsEffects(src, modules).add(n, body == null ? Set.of() : Set.of(body)));
      }
      case "switch_statement" -> {
        TSNode body = field(n, "body");
        List<Block> cases = new ArrayList<>();
        for (TSNode c : TreeSitterNodes.namedChildren(body)) {
          if (!"switch_case".equals(c.getType()) && !"switch_default".equals(c.getType())) continue;
          List<Statement> stmts = new ArrayList<>();
          for (TSNode s : TreeSitterNodes.fieldChildren(c, "body")) add(s, depth + 1, stmts);
          cases.add(new Block(BlockRole.CASE, stmts));
        }
        out.add(compound(StatementKind.SWITCH, n, body, cases, fx(field(n, "value"))));
      }
      case "try_statement" -> {
        TSNode body = field(n, "body");
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(BlockRole.TRY, body(body, depth + 1)));
        TSNode handler = field(n, "handler");
        if (handler != null) {
          List<Statement> stmts = new ArrayList<>();
          TSNode param = field(handler, "parameter");
          if (param != null) {
            JsEffects p = new JsEffects(src, modules).add(param, JsEffects.DEF, Set.of());
            int line = src.startLine(handler);
            stmts.add(p.statement(StatementKind.SIMPLE, line, line, line, null, List.of()));
          }
          stmts.addAll(body(field(handler, "body"), depth + 1));
          blocks.add(new Block(BlockRole.CATCH, stmts));
        }
        TSNode fin = field(n, "finalizer");
        if (fin != null) blocks.add(new Block(BlockRole.FINALLY, body(field(fin, "body"), depth + 1)));
        out.add(compound(StatementKind.TRY, n, body, blocks, new JsEffects(src, modules)));
      }
      case "statement_block" -> out.add(compound(StatementKind.BLOCK, n, n,
          List.of(new Block(BlockRole.BODY, body(n, depth + 1))), new JsEffects(src, modules)));
      case "with_statement" -> {
        TSNode body = field(n, "body");
        out.add(compound(StatementKind.BLOCK, n, body,
            List.of(new Block(BlockRole.BODY, body(body, depth + 1))), fx(field(n, "object"))));
      }
      case "labeled_statement" -> {
        out.add(new Statement(StatementKind.LABEL, start, start, start, Set.of(), Set.of(), List.of(),
            src.text(field(n, "label")), List.of()));
        TSNode body = field(n, "body");
        if (body != null) add(body, depth + 1, out);
      }
      case "return_statement" -> out.add(simple(StatementKind.RETURN, n));
      case "throw_statement" -> out.add(simple(StatementKind.THROW, n));
      case "break_statement", "continue_statement" -> {
        TSNode label = field(n, "label");
        out.add(new Statement("break_statement".equals(t) ? StatementKind.BREAK : StatementKind.CONTINUE,
            start, end, end, Set.of(), Set.of(), List.of(), label == null ? null : src.text(label), List.of()));
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
  Statement withCallbacks(TSNode n, int depth) {
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
    JsEffects fx = new JsEffects(src, modules);
    if (functions.get(0).equals(n)) {
      // A nested function declaration or method: its name and parameters are the header.
      TSNode name = field(n, "name");
      if (name != null && "function_declaration".equals(n.getType())) fx.def(src.text(name));
    } else {
      fx.add(n, bodies);
    }
    List<Block> blocks = new ArrayList<>();
    for (TSNode f : functions) {
      fx.add(parameters(f), JsEffects.DEF, Set.of());
      blocks.add(new Block(BlockRole.BODY, body(field(f, "body"), depth + 1)));
    }
    return compound(StatementKind.BLOCK, n, field(functions.get(0), "body"), blocks, fx);
  }

  static TSNode parameters(TSNode function) {
    TSNode p = field(function, "parameters");
    return p != null ? p : field(function, "parameter");
  }

  private void loop(TSNode n, int depth, List<Statement> out, JsEffects fx) {
    TSNode body = field(n, "body");
    out.add(compound(StatementKind.LOOP, n, body, List.of(new Block(BlockRole.BODY, body(body, depth + 1))), fx));
  }

  private JsEffects fx(TSNode header) {
    return new JsEffects(src, modules).add(header, Set.of());
  }

  /** Header: from the statement's start to the line where its first body starts (its brace). */
  private Statement compound(StatementKind kind, TSNode n, TSNode firstBody, List<Block> blocks, JsEffects fx) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    int headerEnd = firstBody == null ? end : src.startLine(firstBody);
    headerEnd = Math.max(start, Math.min(headerEnd, end));
    return fx.statement(kind, start, headerEnd, end, null, blocks);
  }

  private Statement simple(StatementKind kind, TSNode n) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    JsEffects fx = new JsEffects(src, modules).add(n, Set.of());
    return fx.statement(kind, start, end, end, null, List.of());
  }
}
