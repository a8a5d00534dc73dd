package dev.rescue.analysis.python;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Defs, uses and calls of Python expressions and assignment targets.
 *
 * <p>Rules: an assignment target defines its name; {@code x.f = v} and {@code a[i] = v} define
 * AND use the base variable ({@code x}, {@code a}); an augmented assignment defines and uses its
 * target; {@code (y := v)} defines {@code y}; comprehension variables and lambda parameters are
 * local to their expression and appear neither as defs nor as uses. Attribute names and keyword
 * argument names are not variables.
 */
final class PythonDataFlow {
  private static final Set<String> COMPREHENSIONS = Set.of(
      "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression");

  private final TreeSitterSource src;

  PythonDataFlow(TreeSitterSource src) {
    this.src = src;
  }

  /** Collects the uses, defs (of walrus and nested assignments) and calls of an expression. */
  void expression(TSNode node, TreeSitterDraft out) {
    if (!isPresent(node)) return;
    // Explicit stack instead of recursion: expressions in real code (and garbage) can nest deeply.
    ArrayDeque<TSNode> stack = new ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      TSNode n = stack.pop();
      String t = n.getType();
      switch (t) {
        case "identifier" -> out.use(src.text(n));
        case "attribute" -> push(stack, field(n, "object"));
        case "keyword_argument" -> push(stack, field(n, "value"));
        case "call" -> {
          call(n, out);
          TSNode fn = field(n, "function");
          push(stack, field(n, "arguments"));
          if ("identifier".equals(type(fn))) {
            out.callee(src.text(fn));
          } else {
            push(stack, fn);
          }
        }
        case "assignment" -> {
          target(field(n, "left"), out);
          push(stack, field(n, "right"));
        }
        case "augmented_assignment" -> {
          target(field(n, "left"), out);
          expression(field(n, "left"), out);
          push(stack, field(n, "right"));
        }
        case "named_expression" -> {
          TSNode name = field(n, "name");
          if (isPresent(name)) out.def(src.text(name));
          push(stack, field(n, "value"));
        }
        case "lambda" -> scoped(n, lambdaParameters(field(n, "parameters")), out);
        case "string_content", "escape_sequence", "comment", "type", "dotted_name",
            "import_prefix", "relative_import" -> { /* no variables */ }
        default -> {
          if (COMPREHENSIONS.contains(t)) {
            scoped(n, comprehensionVariables(n), out);
          } else {
            List<TSNode> kids = namedChildren(n);
            for (int i = kids.size() - 1; i >= 0; i--) stack.push(kids.get(i));
          }
        }
      }
    }
  }

  private static void push(ArrayDeque<TSNode> stack, TSNode n) {
    if (isPresent(n)) stack.push(n);
  }

  /** The defs of an assignment target, and the uses inside it ({@code i} in {@code a[i] = v}). */
  void target(TSNode node, TreeSitterDraft out) {
    if (!isPresent(node)) return;
    ArrayDeque<TSNode> stack = new ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      TSNode n = stack.pop();
      switch (n.getType()) {
        case "identifier" -> out.def(src.text(n));
        case "attribute", "subscript" -> {
          String base = baseVariable(n);
          out.def(base);
          expression(n, out); // uses of the base and of any index
        }
        case "as_pattern_target", "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list",
            "list_splat_pattern", "list_splat", "parenthesized_expression", "expression_list" -> {
          for (TSNode k : namedChildren(n)) stack.push(k);
        }
        default -> expression(n, out); // a call or literal as target: broken code, keep its uses
      }
    }
  }

  /** The variable at the root of {@code a.b[c].d}, or null when the root is not a name. */
  String baseVariable(TSNode node) {
    TSNode n = node;
    while (isPresent(n)) {
      switch (n.getType()) {
        case "identifier":
          return src.text(n);
        case "attribute":
          n = field(n, "object");
          break;
        case "subscript":
          n = field(n, "value");
          break;
        case "parenthesized_expression":
          n = n.getNamedChildCount() > 0 ? n.getNamedChild(0) : null;
          break;
        default:
          return null;
      }
    }
    return null;
  }

  /** Records the call as written: {@code f}, {@code cursor.execute}, or {@code .join}. */
  void call(TSNode call, TreeSitterDraft out) {
    out.call(calleeText(field(call, "function")));
  }

  /** The dotted name of a callee made only of names and attributes, else {@code .method}. */
  String calleeText(TSNode fn) {
    if (!isPresent(fn)) return null;
    String dotted = dottedName(fn);
    if (dotted != null) return dotted;
    if ("attribute".equals(fn.getType())) {
      TSNode attr = field(fn, "attribute");
      return isPresent(attr) ? ApiName.anyReceiver(src.text(attr)) : null;
    }
    return null;
  }

  /** {@code a.b.c} for a chain of identifiers, else null. */
  String dottedName(TSNode n) {
    StringBuilder sb = new StringBuilder();
    TSNode cur = n;
    while (isPresent(cur) && "attribute".equals(cur.getType())) {
      TSNode attr = field(cur, "attribute");
      if (!isPresent(attr)) return null;
      sb.insert(0, "." + src.text(attr));
      cur = field(cur, "object");
    }
    if (!isPresent(cur) || !"identifier".equals(cur.getType())) return null;
    return src.text(cur) + sb;
  }

  private void scoped(TSNode n, Set<String> bound, TreeSitterDraft out) {
    TreeSitterDraft inner = TreeSitterDraft.scratch();
    for (TSNode k : namedChildren(n)) {
      if ("for_in_clause".equals(k.getType())) {
        // The loop target binds; the iterable is read.
        expression(field(k, "right"), inner);
        for (TSNode r : namedChildren(k)) {
          if (!isSame(r, field(k, "left")) && !isSame(r, field(k, "right"))) expression(r, inner);
        }
      } else if (!"lambda_parameters".equals(k.getType())) {
        expression(k, inner);
      } else {
        for (TSNode p : namedChildren(k)) expression(field(p, "value"), inner); // defaults
      }
    }
    out.absorb(inner, bound);
  }

  private static boolean isSame(TSNode a, TSNode b) {
    return isPresent(a) && isPresent(b) && a.getStartByte() == b.getStartByte()
        && a.getEndByte() == b.getEndByte() && a.getType().equals(b.getType());
  }

  private Set<String> comprehensionVariables(TSNode comp) {
    Set<String> bound = new HashSet<>();
    for (TSNode k : namedChildren(comp)) {
      if ("for_in_clause".equals(k.getType())) {
        TreeSitterDraft t = TreeSitterDraft.scratch();
        target(field(k, "left"), t);
        bound.addAll(t.defs());
      }
    }
    return bound;
  }

  private Set<String> lambdaParameters(TSNode params) {
    Set<String> names = new HashSet<>();
    if (!isPresent(params)) return names;
    for (TSNode p : namedChildren(params)) {
      String n = PythonFrontEnd.parameterName(p, src);
      if (n != null) names.add(n);
    }
    return names;
  }
}
