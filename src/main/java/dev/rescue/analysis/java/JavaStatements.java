package dev.rescue.analysis.java;

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
 * Turns Java statement nodes into {@link TreeSitterDraft}s, the {@link Statement}s to be.
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
  private final JavaDataFlow flow;

  JavaStatements(TreeSitterSource src, JavaReceiverTypes types) {
    this.src = src;
    this.flow = new JavaDataFlow(src, types);
  }

  /** The statements of a block body, or the single statement when the body is not a block. */
  List<TreeSitterDraft> body(TSNode node, int depth) {
    List<TreeSitterDraft> out = new ArrayList<>();
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

  void add(TSNode n, int depth, List<TreeSitterDraft> out) {
    String t = n.getType();
    int start = src.startLine(n);
    int end = src.endLine(n);
    if (depth > MAX_DEPTH) {
      out.add(simple(StatementKind.SIMPLE, n));
      return;
    }
    switch (t) {
      case "if_statement" -> {
        TSNode then = field(n, "consequence");
        TSNode alt = field(n, "alternative");
        TreeSitterDraft d = compound(StatementKind.IF, n, then, field(n, "condition"));
        d.block(BlockRole.THEN).addAll(body(then, depth + 1));
        if (alt != null) d.block(BlockRole.ELSE).addAll(body(alt, depth + 1));
        out.add(d);
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
        TreeSitterDraft d = skipping(StatementKind.LOOP, n, body);
        d.block(BlockRole.BODY).addAll(body(body, depth + 1));
        out.add(d);
      }
      case "do_statement" -> loop(n, field(n, "body"), depth, out, field(n, "condition"));
      case "switch_expression", "switch_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.SWITCH, n, body, field(n, "condition"));
        for (TSNode group : TreeSitterNodes.namedChildren(body)) {
          switch (group.getType()) {
            case "switch_block_statement_group" -> d.block(BlockRole.CASE).addAll(body(group, depth + 1));
            case "switch_rule" -> {
              List<TreeSitterDraft> stmts = d.block(BlockRole.CASE);
              for (TSNode c : TreeSitterNodes.namedChildren(group)) {
                if (!"switch_label".equals(c.getType()) && !COMMENTS.contains(c.getType())) add(c, depth + 1, stmts);
              }
            }
            default -> { }
          }
        }
        out.add(d);
      }
      case "try_statement", "try_with_resources_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = compound(StatementKind.TRY, n, body, field(n, "resources"));
        d.block(BlockRole.TRY).addAll(body(body, depth + 1));
        for (TSNode c : TreeSitterNodes.namedChildren(n)) {
          if ("catch_clause".equals(c.getType())) {
            List<TreeSitterDraft> stmts = d.block(BlockRole.CATCH);
            TSNode param = TreeSitterNodes.firstDescendant(c,
                x -> "catch_formal_parameter".equals(x.getType()));
            if (param != null) stmts.add(simple(StatementKind.SIMPLE, param));
            stmts.addAll(body(field(c, "body"), depth + 1));
          } else if ("finally_clause".equals(c.getType())) {
            TSNode fin = TreeSitterNodes.firstDescendant(c, x -> "block".equals(x.getType()));
            d.block(BlockRole.FINALLY).addAll(body(fin, depth + 1));
          }
        }
        out.add(d);
      }
      case "synchronized_statement" -> {
        TSNode body = field(n, "body");
        TreeSitterDraft d = skipping(StatementKind.BLOCK, n, body);
        d.block(BlockRole.BODY).addAll(body(body, depth + 1));
        out.add(d);
      }
      case "block" -> {
        TreeSitterDraft d = header(StatementKind.BLOCK, n, n);
        d.block(BlockRole.BODY).addAll(body(n, depth + 1));
        out.add(d);
      }
      case "labeled_statement" -> {
        TSNode label = n.getNamedChildCount() > 0 ? n.getNamedChild(0) : null;
        out.add(new TreeSitterDraft(StatementKind.LABEL, start, start, start).label(src.text(label)));
        for (int i = 1; i < n.getNamedChildCount(); i++) {
          TSNode c = n.getNamedChild(i);
          if (!COMMENTS.contains(c.getType())) add(c, depth + 1, out);
        }
      }
      case "return_statement", "yield_statement" -> out.add(simple(StatementKind.RETURN, n));
      case "throw_statement" -> out.add(simple(StatementKind.THROW, n));
      case "break_statement", "continue_statement" -> {
        TSNode label = TreeSitterNodes.firstDescendant(n, x -> "identifier".equals(x.getType()));
        StatementKind kind = "break_statement".equals(t) ? StatementKind.BREAK : StatementKind.CONTINUE;
        out.add(new TreeSitterDraft(kind, start, end, end).label(label == null ? null : src.text(label)));
      }
      case "ERROR" -> {
        // Error recovery may wrap whole statements in an ERROR node: keep what is inside.
        if (hasStatementChild(n)) {
          out.addAll(body(n, depth + 1));
        } else {
          out.add(simple(StatementKind.SIMPLE, n));
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
  private TreeSitterDraft withCallbacks(TSNode n, int depth) {
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
    if (bodies.isEmpty()) return simple(StatementKind.SIMPLE, n);
    TreeSitterDraft d = header(StatementKind.BLOCK, n, bodies.get(0));
    flow.add(n, new HashSet<>(bodies), d);
    for (TSNode body : bodies) {
      List<TreeSitterDraft> stmts = d.block(BlockRole.BODY);
      if ("class_body".equals(body.getType())) {
        for (TSNode member : TreeSitterNodes.namedChildren(body)) {
          if (!COMMENTS.contains(member.getType())) add(member, depth + 1, stmts);
        }
      } else {
        stmts.addAll(body(body, depth + 1));
      }
    }
    return d;
  }

  private void loop(TSNode n, TSNode body, int depth, List<TreeSitterDraft> out, TSNode... header) {
    TreeSitterDraft d = compound(StatementKind.LOOP, n, body, header);
    d.block(BlockRole.BODY).addAll(body(body, depth + 1));
    out.add(d);
  }

  /** A compound statement whose header facts are all of {@code n} but its body. */
  private TreeSitterDraft skipping(StatementKind kind, TSNode n, TSNode body) {
    TreeSitterDraft d = header(kind, n, body);
    flow.add(n, body == null ? Set.of() : Set.of(body), d);
    return d;
  }

  /** A compound statement whose header facts are those of the {@code header} nodes. */
  private TreeSitterDraft compound(StatementKind kind, TSNode n, TSNode firstBody, TSNode... header) {
    TreeSitterDraft d = header(kind, n, firstBody);
    for (TSNode h : header) flow.add(h, Set.of(), d);
    return d;
  }

  /** Header: from the statement's start to the line where its first body starts (its brace). */
  private TreeSitterDraft header(StatementKind kind, TSNode n, TSNode firstBody) {
    int start = src.startLine(n);
    int end = Math.max(start, src.endLine(n));
    int headerEnd = firstBody == null ? end : src.startLine(firstBody);
    if ("do_statement".equals(n.getType())) headerEnd = firstBody == null ? start : src.startLine(firstBody);
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
