package dev.rescue.analysis.python;

import static dev.rescue.analysis.TreeSitterNodes.children;
import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;
import static dev.rescue.analysis.TreeSitterNodes.opensUnfinishedCall;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.StatementKind;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Turns Python statement nodes into {@link TreeSitterDraft}s: kinds, header lines, blocks by role,
 * and the defs/uses/calls of each header.
 *
 * <p>Where the contract is silent: an {@code except E as e:} clause opens its CATCH block with a
 * one-line SIMPLE statement for its header (defining {@code e}, using {@code E}), so that the
 * binding is visible to data flow; {@code global x} defines {@code x} (the global binding enters
 * the function there); a nested {@code def} or {@code class} is one SIMPLE statement defining its
 * name; statements inside an ERROR node (broken or unfinished code) are read as if they were in the
 * enclosing block, and the loose pieces of an ERROR become SIMPLE statements, one per line run.
 */
final class PythonStatements {
  /** Deeper nesting than this is read as one SIMPLE statement, to bound recursion. */
  private static final int MAX_DEPTH = 200;

  private static final Set<String> NESTED_DEFINITIONS =
      Set.of("function_definition", "class_definition", "decorated_definition");

  private final TreeSitterSource src;
  private final PythonDataFlow flow;

  PythonStatements(TreeSitterSource src) {
    this.src = src;
    this.flow = new PythonDataFlow(src);
  }

  /** The statements of a block (or module, or ERROR) node. */
  List<TreeSitterDraft> block(TSNode block, int depth) {
    List<TreeSitterDraft> out = new ArrayList<>();
    if (!isPresent(block)) return out;
    List<TSNode> loose = new ArrayList<>();
    for (TSNode child : namedChildren(block)) {
      String t = child.getType();
      if ("comment".equals(t)) continue;
      if (isStatement(t)) {
        flushLoose(loose, out);
        statement(child, depth, out);
      } else if ("ERROR".equals(t) || "block".equals(t)) {
        flushLoose(loose, out);
        out.addAll(block(child, depth + 1));
      } else {
        loose.add(child);
      }
    }
    flushLoose(loose, out);
    return out;
  }

  private static boolean isStatement(String t) {
    return t.endsWith("_statement") || NESTED_DEFINITIONS.contains(t);
  }

  /** Loose expressions (inside ERROR nodes) become one SIMPLE statement per contiguous line run. */
  private void flushLoose(List<TSNode> loose, List<TreeSitterDraft> out) {
    if (loose.isEmpty()) return;
    TreeSitterDraft cur = null;
    for (TSNode n : loose) {
      if (cur == null || src.startLine(n) > cur.endLine()) {
        cur = new TreeSitterDraft(StatementKind.SIMPLE, src.startLine(n), src.endLine(n), src.endLine(n));
        out.add(cur);
      } else {
        cur.extendTo(src.endLine(n));
      }
      // `x = f(` leaves `x`, `=`, ... as siblings: a name right before `=` is a target.
      TSNode next = n.getNextSibling();
      if (isPresent(next) && !next.isNamed() && "=".equals(next.getType())) {
        flow.target(n, cur);
      } else {
        flow.expression(n, cur);
        looseCall(n, cur);
      }
    }
    loose.clear();
  }

  /** In an ERROR node, {@code name (} is a call the grammar could not finish. */
  private void looseCall(TSNode n, TreeSitterDraft d) {
    String t = n.getType();
    if (!"identifier".equals(t) && !"attribute".equals(t)) return;
    if (opensUnfinishedCall(n)) {
      d.call(flow.calleeText(n));
      if ("identifier".equals(t)) d.callee(src.text(n));
    }
  }

  private void statement(TSNode n, int depth, List<TreeSitterDraft> out) {
    int start = src.startLine(n);
    int end = src.endLine(n);
    String t = n.getType();
    if (depth > MAX_DEPTH) {
      TreeSitterDraft d = simple(n);
      flow.expression(n, d);
      out.add(d);
      return;
    }
    switch (t) {
      case "if_statement" -> out.add(ifChain(n, start, field(n, "consequence"),
          field(n, "condition"), alternatives(n), 0, depth));
      case "for_statement" -> {
        TreeSitterDraft d = compound(StatementKind.LOOP, n, field(n, "body"));
        flow.target(field(n, "left"), d);
        flow.expression(field(n, "right"), d);
        d.block(BlockRole.BODY).addAll(block(field(n, "body"), depth + 1));
        elseBlock(field(n, "alternative"), d, depth);
        out.add(d);
      }
      case "while_statement" -> {
        TreeSitterDraft d = compound(StatementKind.LOOP, n, field(n, "body"));
        flow.expression(field(n, "condition"), d);
        d.block(BlockRole.BODY).addAll(block(field(n, "body"), depth + 1));
        elseBlock(field(n, "alternative"), d, depth);
        out.add(d);
      }
      case "with_statement" -> {
        TreeSitterDraft d = compound(StatementKind.BLOCK, n, field(n, "body"));
        for (TSNode clause : namedChildren(n)) {
          if (!"with_clause".equals(clause.getType())) continue;
          for (TSNode item : namedChildren(clause)) withItem(item, d);
        }
        d.block(BlockRole.BODY).addAll(block(field(n, "body"), depth + 1));
        out.add(d);
      }
      case "try_statement" -> out.add(tryStatement(n, depth));
      case "match_statement" -> {
        TreeSitterDraft d = compound(StatementKind.SWITCH, n, field(n, "body"));
        for (TSNode subject : namedChildren(n)) {
          if ("block".equals(subject.getType())) break;
          flow.expression(subject, d);
        }
        for (TSNode c : namedChildren(field(n, "body"))) {
          if ("case_clause".equals(c.getType())) {
            d.block(BlockRole.CASE).addAll(block(field(c, "consequence"), depth + 1));
          }
        }
        out.add(d);
      }
      case "return_statement" -> out.add(simpleWithFacts(n, StatementKind.RETURN));
      case "raise_statement" -> out.add(simpleWithFacts(n, StatementKind.THROW));
      case "break_statement" -> out.add(simple(n).kind(StatementKind.BREAK));
      case "continue_statement" -> out.add(simple(n).kind(StatementKind.CONTINUE));
      case "global_statement", "nonlocal_statement" -> {
        TreeSitterDraft d = simple(n);
        for (TSNode name : namedChildren(n)) d.def(src.text(name));
        out.add(d);
      }
      case "import_statement", "import_from_statement", "future_import_statement" -> {
        TreeSitterDraft d = simple(n);
        PythonImports.bindings(n, src).keySet().forEach(d::def);
        out.add(d);
      }
      case "delete_statement" -> {
        TreeSitterDraft d = simple(n);
        for (TSNode target : namedChildren(n)) flow.target(target, d);
        out.add(d);
      }
      case "function_definition", "class_definition", "decorated_definition" -> {
        TreeSitterDraft d = simple(n);
        TSNode def = "decorated_definition".equals(t) ? field(n, "definition") : n;
        TSNode name = field(def, "name");
        if (isPresent(name)) d.def(src.text(name));
        for (TSNode k : namedChildren(n)) {
          if ("decorator".equals(k.getType())) flow.expression(k, d);
        }
        out.add(d);
      }
      default -> out.add(simpleWithFacts(n, StatementKind.SIMPLE));
    }
  }

  private TreeSitterDraft simple(TSNode n) {
    return new TreeSitterDraft(StatementKind.SIMPLE, src.startLine(n), src.endLine(n), src.endLine(n));
  }

  private TreeSitterDraft simpleWithFacts(TSNode n, StatementKind kind) {
    TreeSitterDraft d = simple(n).kind(kind);
    for (TSNode k : namedChildren(n)) flow.expression(k, d);
    return d;
  }

  /** A compound draft whose header ends at the {@code :} before {@code body}. */
  private TreeSitterDraft compound(StatementKind kind, TSNode n, TSNode body) {
    int start = src.startLine(n);
    return new TreeSitterDraft(kind, start, headerEnd(n, body, start), src.endLine(n));
  }

  /** The line of the last {@code :} token before the body, else the line before the body. */
  private int headerEnd(TSNode n, TSNode body, int start) {
    int bodyStart = isPresent(body) ? body.getStartByte() : Integer.MAX_VALUE;
    int line = start;
    for (TSNode k : children(n)) {
      if (k.getStartByte() >= bodyStart) break;
      if (!k.isNamed() && ":".equals(k.getType())) line = src.startLine(k);
    }
    return line;
  }

  private List<TSNode> alternatives(TSNode ifNode) {
    List<TSNode> alts = new ArrayList<>();
    for (TSNode k : namedChildren(ifNode)) {
      String t = k.getType();
      if ("elif_clause".equals(t) || "else_clause".equals(t)) alts.add(k);
    }
    return alts;
  }

  /** {@code if/elif/else} as nested IFs: each {@code elif} is an IF alone in the ELSE block. */
  private TreeSitterDraft ifChain(TSNode headerNode, int start, TSNode consequence, TSNode condition,
      List<TSNode> alts, int from, int depth) {
    // An if_statement spans its elif/else clauses; an elif_clause does not, so the nested IF of
    // an elif ends with the last clause of the chain.
    int end = Math.max(src.endLine(headerNode),
        alts.size() > from ? src.endLine(alts.get(alts.size() - 1)) : 0);
    TreeSitterDraft d = new TreeSitterDraft(StatementKind.IF, start,
        headerEnd(headerNode, consequence, start), end);
    flow.expression(condition, d);
    d.block(BlockRole.THEN).addAll(block(consequence, depth + 1));
    if (alts.size() > from) {
      TSNode alt = alts.get(from);
      if ("elif_clause".equals(alt.getType())) {
        d.block(BlockRole.ELSE).add(ifChain(alt, src.startLine(alt), field(alt, "consequence"),
            field(alt, "condition"), alts, from + 1, depth + 1));
      } else {
        d.block(BlockRole.ELSE).addAll(block(field(alt, "body"), depth + 1));
      }
    }
    return d;
  }

  private void elseBlock(TSNode elseClause, TreeSitterDraft d, int depth) {
    if ("else_clause".equals(type(elseClause))) {
      d.block(BlockRole.ELSE).addAll(block(field(elseClause, "body"), depth + 1));
    }
  }

  private void withItem(TSNode item, TreeSitterDraft d) {
    TSNode value = field(item, "value");
    if ("as_pattern".equals(type(value))) {
      List<TSNode> parts = namedChildren(value);
      TSNode alias = field(value, "alias");
      for (TSNode p : parts) {
        if (isPresent(alias) && p.getStartByte() == alias.getStartByte()) {
          flow.target(alias, d);
        } else {
          flow.expression(p, d);
        }
      }
    } else {
      flow.expression(value, d);
    }
  }

  private TreeSitterDraft tryStatement(TSNode n, int depth) {
    TreeSitterDraft d = compound(StatementKind.TRY, n, field(n, "body"));
    d.block(BlockRole.TRY).addAll(block(field(n, "body"), depth + 1));
    for (TSNode k : namedChildren(n)) {
      switch (k.getType()) {
        case "except_clause", "except_group_clause" -> {
          List<TreeSitterDraft> catchBlock = d.block(BlockRole.CATCH);
          TSNode body = null;
          for (TSNode c : namedChildren(k)) {
            if ("block".equals(c.getType())) body = c;
          }
          int hs = src.startLine(k);
          int he = headerEnd(k, body, hs);
          TreeSitterDraft header = new TreeSitterDraft(StatementKind.SIMPLE, hs, he, he);
          for (TSNode c : namedChildren(k)) {
            if ("block".equals(c.getType())) continue;
            if ("as_pattern".equals(c.getType())) {
              TSNode alias = field(c, "alias");
              for (TSNode p : namedChildren(c)) {
                if (isPresent(alias) && p.getStartByte() == alias.getStartByte()) {
                  flow.target(alias, header);
                } else {
                  flow.expression(p, header);
                }
              }
            } else {
              flow.expression(c, header);
            }
          }
          catchBlock.add(header);
          catchBlock.addAll(block(body, depth + 1));
        }
        case "else_clause" -> d.block(BlockRole.ELSE).addAll(block(field(k, "body"), depth + 1));
        case "finally_clause" -> {
          TSNode body = null;
          for (TSNode c : namedChildren(k)) {
            if ("block".equals(c.getType())) body = c;
          }
          d.block(BlockRole.FINALLY).addAll(block(body, depth + 1));
        }
        default -> { }
      }
    }
    return d;
  }
}
