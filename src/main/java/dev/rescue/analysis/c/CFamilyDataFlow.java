package dev.rescue.analysis.c;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.fieldChildren;
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
 * Defs, uses and calls of C and C++ expressions and declarations (the C++ grammar is a superset of
 * the C one, so one reader serves both; C simply never produces the C++ node types).
 *
 * <p>Rules: {@code x = v} defines {@code x}; {@code x op= v}, {@code x++} define and use {@code x};
 * {@code s->f = v}, {@code a[i] = v}, {@code *p = v} define AND use the base variable; {@code &x}
 * passed to a call is a possible definition of {@code x} (and a use); a declaration defines its
 * declarators, with or without an initialiser. Field names, types, labels and namespace-qualified
 * names ({@code std::cout}) are not variables. Lambda parameters are local to the lambda.
 */
final class CFamilyDataFlow {
  private static final Set<String> NOT_VARIABLES = Set.of(
      "field_identifier", "type_identifier", "primitive_type", "statement_identifier",
      "namespace_identifier", "string_literal", "raw_string_literal", "char_literal",
      "number_literal", "type_descriptor", "qualified_identifier", "template_function",
      "comment", "true", "false", "null", "nullptr", "sized_type_specifier",
      "struct_specifier", "enum_specifier", "union_specifier", "placeholder_type_specifier",
      "template_argument_list", "concatenated_string", "operator_name", "destructor_name");

  private final TreeSitterSource src;

  CFamilyDataFlow(TreeSitterSource src) {
    this.src = src;
  }

  private static void push(ArrayDeque<TSNode> stack, TSNode n) {
    if (isPresent(n)) stack.push(n);
  }

  /** Collects the uses, defs (of nested assignments) and calls of an expression or declaration. */
  void expression(TSNode node, TreeSitterDraft out) {
    if (!isPresent(node)) return;
    ArrayDeque<TSNode> stack = new ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      TSNode n = stack.pop();
      String t = n.getType();
      if (NOT_VARIABLES.contains(t)) continue;
      switch (t) {
        case "identifier" -> out.use(src.text(n));
        case "this" -> out.use("this"); // `this->f = v` defines `this`, so reads of it are uses
        case "field_expression" -> push(stack, field(n, "argument"));
        case "call_expression" -> {
          out.call(calleeText(field(n, "function")));
          TSNode fn = field(n, "function");
          TSNode args = field(n, "arguments");
          List<TSNode> argList = namedChildren(args);
          for (int i = argList.size() - 1; i >= 0; i--) {
            TSNode a = argList.get(i);
            if (isAddressOf(a)) {
              target(field(a, "argument"), out); // the callee may write through &x
            }
            push(stack, a);
          }
          if ("identifier".equals(type(fn))) {
            out.callee(src.text(fn));
          } else {
            push(stack, fn);
          }
        }
        case "assignment_expression" -> {
          TSNode left = field(n, "left");
          target(left, out);
          if (!"=".equals(operator(n))) expression(left, out);
          push(stack, field(n, "right"));
        }
        case "update_expression" -> {
          target(field(n, "argument"), out);
          push(stack, field(n, "argument"));
        }
        case "declaration", "condition_clause", "init_statement" -> declarationOrChildren(n, out);
        case "cast_expression" -> push(stack, field(n, "value"));
        case "sizeof_expression" -> push(stack, field(n, "value"));
        case "lambda_expression" -> lambda(n, out);
        default -> {
          List<TSNode> kids = namedChildren(n);
          for (int i = kids.size() - 1; i >= 0; i--) stack.push(kids.get(i));
        }
      }
    }
  }

  private void declarationOrChildren(TSNode n, TreeSitterDraft out) {
    if ("declaration".equals(n.getType())) {
      declaration(n, out);
    } else {
      for (TSNode k : namedChildren(n)) expression(k, out);
    }
  }

  /** A declaration defines each declarator; initialisers and array sizes are uses. */
  void declaration(TSNode decl, TreeSitterDraft out) {
    for (TSNode d : fieldChildren(decl, "declarator")) declarator(d, out);
  }

  /** Defines the name a declarator declares and reads its initialiser. */
  void declarator(TSNode d, TreeSitterDraft out) {
    TSNode cur = d;
    while (isPresent(cur)) {
      switch (cur.getType()) {
        case "identifier" -> {
          out.def(src.text(cur));
          return;
        }
        case "init_declarator" -> {
          expression(field(cur, "value"), out);
          cur = field(cur, "declarator");
        }
        case "array_declarator" -> {
          expression(field(cur, "size"), out);
          cur = field(cur, "declarator");
        }
        case "pointer_declarator", "attributed_declarator" -> cur = field(cur, "declarator");
        case "reference_declarator", "parenthesized_declarator" ->
            cur = cur.getNamedChildCount() > 0 ? lastNamed(cur) : null;
        case "structured_binding_declarator" -> {
          for (TSNode k : namedChildren(cur)) {
            if ("identifier".equals(k.getType())) out.def(src.text(k));
          }
          return;
        }
        case "function_declarator" -> {
          // In a body, `QDir dir(path);` is a constructor call the grammar reads as a prototype:
          // the name is defined and bare type-looking parameters are really arguments.
          for (TSNode p : namedChildren(field(cur, "parameters"))) {
            TSNode ty = field(p, "type");
            if (!isPresent(field(p, "declarator")) && "type_identifier".equals(type(ty))) {
              out.use(src.text(ty));
            } else if (!"parameter_declaration".equals(p.getType())) {
              expression(p, out);
            }
          }
          cur = field(cur, "declarator");
        }
        default -> {
          expression(cur, out);
          return;
        }
      }
    }
  }

  private static TSNode lastNamed(TSNode n) {
    return n.getNamedChild(n.getNamedChildCount() - 1);
  }

  /** The defs of an assignment target, and the uses inside it ({@code i} in {@code a[i] = v}). */
  void target(TSNode node, TreeSitterDraft out) {
    if (!isPresent(node)) return;
    switch (node.getType()) {
      case "identifier" -> out.def(src.text(node));
      case "field_expression", "subscript_expression", "pointer_expression" -> {
        out.def(baseVariable(node));
        expression(node, out);
      }
      case "parenthesized_expression" -> {
        if (node.getNamedChildCount() > 0) target(node.getNamedChild(0), out);
      }
      case "cast_expression" -> target(field(node, "value"), out);
      default -> expression(node, out);
    }
  }

  /** The variable at the root of {@code *a[i].f->g}, or null when it is not a plain name. */
  String baseVariable(TSNode node) {
    TSNode n = node;
    while (isPresent(n)) {
      switch (n.getType()) {
        case "identifier":
          return src.text(n);
        case "this":
          return "this";
        case "field_expression":
        case "subscript_expression":
        case "pointer_expression":
          n = field(n, "argument");
          break;
        case "cast_expression":
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

  private boolean isAddressOf(TSNode n) {
    return "pointer_expression".equals(n.getType()) && "&".equals(operator(n));
  }

  /** The operator token of an assignment or pointer expression ({@code =}, {@code +=}, {@code &}). */
  private String operator(TSNode n) {
    TSNode op = field(n, "operator");
    return isPresent(op) ? src.text(op) : "";
  }

  private void lambda(TSNode n, TreeSitterDraft out) {
    Set<String> params = new HashSet<>();
    TSNode decl = field(n, "declarator");
    for (TSNode p : namedChildren(field(decl, "parameters"))) {
      TreeSitterDraft t = TreeSitterDraft.scratch();
      declarator(field(p, "declarator"), t);
      params.addAll(t.defs());
    }
    TreeSitterDraft inner = TreeSitterDraft.scratch();
    walkLambdaBody(field(n, "body"), inner);
    out.absorb(inner, params);
  }

  /** Facts of a lambda body: all its statements read as expressions (enough for data flow). */
  private void walkLambdaBody(TSNode body, TreeSitterDraft inner) {
    for (TSNode s : namedChildren(body)) expression(s, inner);
  }

  /**
   * The call as written: {@code strcpy}, {@code std::system} (template arguments dropped),
   * {@code obj.run} for a member call on a named receiver ({@code ->} written as {@code .}), else
   * {@code .run}.
   */
  String calleeText(TSNode fn) {
    if (!isPresent(fn)) return null;
    switch (fn.getType()) {
      case "identifier":
        return src.text(fn);
      case "qualified_identifier":
      case "template_function":
        return qualifiedName(fn);
      case "field_expression": {
        TSNode f = field(fn, "field");
        if (!isPresent(f)) return null;
        String method = qualifiedName(f);
        String recv = receiverName(field(fn, "argument"));
        return recv == null ? ApiName.anyReceiver(method) : ApiName.qualified(recv, method);
      }
      default:
        return null;
    }
  }

  /** {@code std::make_unique} for {@code std::make_unique<int>}: the name without template arguments or spaces. */
  String qualifiedName(TSNode n) {
    String text = src.text(n);
    StringBuilder sb = new StringBuilder(text.length());
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<') depth++;
      else if (c == '>') depth = Math.max(0, depth - 1);
      else if (depth == 0 && !Character.isWhitespace(c)) sb.append(c);
    }
    return sb.toString();
  }

  /** The last name of a receiver ({@code cursor} for {@code self->cursor}), or null. */
  String receiverName(TSNode recv) {
    if (!isPresent(recv)) return null;
    switch (recv.getType()) {
      case "identifier":
        return src.text(recv);
      case "field_expression": {
        TSNode f = field(recv, "field");
        return isPresent(f) ? src.text(f) : null;
      }
      case "qualified_identifier":
        return qualifiedName(recv);
      default:
        return null;
    }
  }
}
