package dev.rescue.analysis.java;

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
 * Turns Java statement nodes into {@link Statement}s.
 *
 * <p>Conventions beyond the {@link Statement} contract: a labelled statement becomes a one-line
 * LABEL statement followed by the statement it labels; {@code break}/{@code continue} with a label
 * carry it in {@link Statement#label()}; the parameter of a {@code catch} is defined by a SIMPLE
 * statement on the catch line, first in its CATCH block; a statement whose lambda or anonymous class
 * has a multi-line body is a BLOCK whose BODY blocks are those bodies (the slicer then sees inside
 * callbacks), its header being everything else. Nesting deeper than {@link #MAX_DEPTH} is
 * flattened into SIMPLE statements to bound the recursion.
 */
final class JavaStatements {
  static final int MAX_DEPTH = 150;
  private static final Set<String> COMMENTS = Set.of("line_comment", "block_comment");

  private final TreeSitterSource src;
  private final JavaReceiverTypes types;

  JavaStatements(TreeSitterSource src, JavaReceiverTypes types) {
    this.src = src;
    this.types = types;
  }

  /** The statements of a block body, or the single statement when the body is not a block. */
  List<Statement> body(TSNode node, int depth) {
    List<Statement> out = new ArrayList<>();
    if (node == null) return out;
    String t = node.getType();
    if ("block".equals(t) || "constructor_body".equals(t) || "program".equals(t) || "ERROR".equals(t)
        || "switch_block_statement_group".equals(t)) {
      for (TSNode c : TreeSitterNodes.namedChildren(node)) {
        if (!isStatementChild(c)) continue;
        add(c, depth, out);
      }
    } else {
      add(node, depth, out);
    }
    return out;
  }

  private boolean isStatementChild(TSNode c) {
    String t = c.getType();
    return !COMMENTS.contains(t) && !"switch_label".equals(t);
  }

  void add(TSNode n, int depth, List<Statement> out) {
    String t = n.getType();
    int start = src.startLine(n);
    int end = src.endLine(n);
    if (depth > MAX_DEPTH) {
      out.add(simple(StatementKind.SIMPLE, n, null));
      return;
    }
    switch (t) {
      case "if_statement" -> {
        List<Block> blocks = new ArrayList<>();
        TSNode then = field(n, "consequence");
        TSNode alt = field(n, "alternative");
        blocks.add(new Block(BlockRole.THEN, body(then, depth + 1)));
        if (alt != null) blocks.add(new Block(BlockRole.ELSE, body(alt, depth + 1)));
        out.add(compound(StatementKind.IF, n, then, blocks, field(n, "condition")));
      }
      case "while_statement" -> loop(n, field(n, "body"), depth, out, field(n, "condition"));
      case "for_statement" -> {
        List<TSNode> header = new ArrayList<>(TreeSitterNodes.fieldChildren(n, "init"));
        header.addAll(TreeSitterNodes.fieldChildren(n, "condition"));
        header.addAll(TreeSitterNodes.fieldChildren(n, "update"));
        loop(n, field(n, "body"), depth, out, header.toArray(TSNode[]::new));
      }
      case "enhanced_for_statement" -> {
        TSNode body = field(n, "body");
        Statement s = compoundWith(StatementKind.LOOP, n, body,
            List.of(new Block(BlockRole.BODY, body(body, depth + 1))), effectsSkipping(n, body));
        out.add(s);
      }
      case "do_statement" -> loop(n, field(n, "body"), depth, out, field(n, "condition"));
      case "switch_expression", "switch_statement" -> {
        TSNode body = field(n, "body");
        List<Block> cases = new ArrayList<>();
        for (TSNode group : TreeSitterNodes.namedChildren(body)) {
          switch (group.getType()) {
            case "switch_block_statement_group" -> cases.add(new Block(BlockRole.CASE, body(group, depth + 1)));
            case "switch_rule" -> {
              List<Statement> stmts = new ArrayList<>();
              for (TSNode c : TreeSitterNodes.namedChildren(group)) {
                if (!"switch_label".equals(c.getType()) && !COMMENTS.contains(c.getType())) add(c, depth + 1, stmts);
              }
              cases.add(new Block(BlockRole.CASE, stmts));
            }
            default -> { }
          }
        }
        out.add(compound(StatementKind.SWITCH, n, body, cases, field(n, "condition")));
      }
      case "try_statement", "try_with_resources_statement" -> {
        TSNode body = field(n, "body");
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(BlockRole.TRY, body(body, depth + 1)));
        for (TSNode c : TreeSitterNodes.namedChildren(n)) {
          if ("catch_clause".equals(c.getType())) {
            List<Statement> stmts = new ArrayList<>();
            TSNode param = TreeSitterNodes.firstDescendant(c,
                x -> "catch_formal_parameter".equals(x.getType()));
            if (param != null) stmts.add(simple(StatementKind.SIMPLE, param, null));
            stmts.addAll(body(field(c, "body"), depth + 1));
            blocks.add(new Block(BlockRole.CATCH, stmts));
          } else if ("finally_clause".equals(c.getType())) {
            TSNode fin = TreeSitterNodes.firstDescendant(c, x -> "block".equals(x.getType()));
            blocks.add(new Block(BlockRole.FINALLY, body(fin, depth + 1)));
          }
        }
        out.add(compound(StatementKind.TRY, n, body, blocks, field(n, "resources")));
      }
      case "synchronized_statement" -> {
        TSNode body = field(n, "body");
        out.add(compoundWith(StatementKind.BLOCK, n, body,
            List.of(new Block(BlockRole.BODY, body(body, depth + 1))), effectsSkipping(n, body)));
      }
      case "block" -> out.add(compoundWith(StatementKind.BLOCK, n, n,
          List.of(new Block(BlockRole.BODY, body(n, depth + 1))), new JavaEffects(src, types)));
      case "labeled_statement" -> {
        TSNode label = n.getNamedChildCount() > 0 ? n.getNamedChild(0) : null;
        out.add(new Statement(StatementKind.LABEL, start, start, start, Set.of(), Set.of(), List.of(),
            src.text(label), List.of()));
        for (int i = 1; i < n.getNamedChildCount(); i++) {
          TSNode c = n.getNamedChild(i);
          if (!COMMENTS.contains(c.getType())) add(c, depth + 1, out);
        }
      }
      case "return_statement", "yield_statement" -> out.add(simple(StatementKind.RETURN, n, null));
      case "throw_statement" -> out.add(simple(StatementKind.THROW, n, null));
      case "break_statement", "continue_statement" -> {
        TSNode label = TreeSitterNodes.firstDescendant(n, x -> "identifier".equals(x.getType()));
        StatementKind kind = "break_statement".equals(t) ? StatementKind.BREAK : StatementKind.CONTINUE;
        out.add(new Statement(kind, start, end, end, Set.of(), Set.of(), List.of(),
            label == null ? null : src.text(label), List.of()));
      }
      case "ERROR" -> {
        // Error recovery may wrap whole statements in an ERROR node: keep what is inside.
        if (hasStatementChild(n)) {
          out.addAll(body(n, depth + 1));
        } else {
          out.add(simple(StatementKind.SIMPLE, n, null));
        }
      }
      case "method_declaration", "constructor_declaration" -> {
        // A second method in the text (a class body split by error recovery): its body as a BLOCK.
        out.add(withCallbacks(n, depth));
      }
      default -> out.add(withCallbacks(n, depth));
    }
  }

  private boolean hasStatementChild(TSNode n) {
    for (TSNode c : TreeSitterNodes.namedChildren(n)) {
      String t = c.getType();
      if (t.endsWith("_statement") || t.endsWith("_declaration") || "block".equals(t)) return true;
    }
    return false;
  }

  /** A simple statement, or a BLOCK around the multi-line bodies of its lambdas and anonymous classes. */
  private Statement withCallbacks(TSNode n, int depth) {
    List<TSNode> bodies = new ArrayList<>();
    TreeSitterNodes.walk(n, x -> {
      String t = x.getType();
      if (("lambda_expression".equals(t) || "method_declaration".equals(t) || "constructor_declaration".equals(t))
          && x != n || "class_body".equals(t)) {
        TSNode body = "class_body".equals(t) ? x : field(x, "body");
        if (body != null && ("block".equals(body.getType()) || "class_body".equals(body.getType())
            || "constructor_body".equals(body.getType()))
            && src.endLine(body) > src.startLine(body)) {
          bodies.add(body);
          return false;
        }
      }
      return true;
    });
    if ("method_declaration".equals(n.getType()) || "constructor_declaration".equals(n.getType())) {
      TSNode body = field(n, "body");
      if (body != null) bodies.add(0, body);
    }
    if (bodies.isEmpty()) return simple(StatementKind.SIMPLE, n, null);
    JavaEffects fx = new JavaEffects(src, types).add(n, new HashSet<>(bodies));
    List<Block> blocks = new ArrayList<>();
    for (TSNode body : bodies) {
      List<Statement> stmts = new ArrayList<>();
      if ("class_body".equals(body.getType())) {
        for (TSNode member : TreeSitterNodes.namedChildren(body)) {
          if (!COMMENTS.contains(member.getType())) add(member, depth + 1, stmts);
        }
      } else {
        stmts.addAll(body(body, depth + 1));
      }
      blocks.add(new Block(BlockRole.BODY, stmts));
    }
    return compoundWith(StatementKind.BLOCK, n, bodies.get(0), blocks, fx);
  }

  private void loop(TSNode n, TSNode body, int depth, List<Statement> out, TSNode... header) {
    out.add(compound(StatementKind.LOOP, n, body, List.of(new Block(BlockRole.BODY, body(body, depth + 1))), header));
  }

  private JavaEffects effectsSkipping(TSNode n, TSNode body) {
    return new JavaEffects(src, types).add(n, body == null ? Set.of() : Set.of(body));
  }

  private Statement compound(StatementKind kind, TSNode n, TSNode firstBody, List<Block> blocks, TSNode... header) {
    JavaEffects fx = new JavaEffects(src, types);
    for (TSNode h : header) fx.add(h, Set.of());
    return compoundWith(kind, n, firstBody, blocks, fx);
  }

  /** Header: from the statement's start to the line where its first body starts (its brace). */
  private Statement compoundWith(StatementKind kind, TSNode n, TSNode firstBody, List<Block> blocks, JavaEffects fx) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    int headerEnd = firstBody == null ? end : src.startLine(firstBody);
    if ("do_statement".equals(n.getType())) headerEnd = firstBody == null ? start : src.startLine(firstBody);
    headerEnd = Math.max(start, Math.min(headerEnd, end));
    return fx.statement(kind, start, headerEnd, end, null, blocks);
  }

  private Statement simple(StatementKind kind, TSNode n, String label) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    JavaEffects fx = new JavaEffects(src, types).add(n, Set.of());
    return fx.statement(kind, start, end, end, label, List.of());
  }
}
