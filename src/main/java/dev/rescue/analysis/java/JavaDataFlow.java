package dev.rescue.analysis.java;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterDataFlow;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterNodes.FieldedChild;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * The variables a piece of Java code defines and uses, and the calls it makes.
 *
 * <p>Walks iteratively (no recursion), so deeply nested garbage cannot overflow the stack. Rules:
 * assignment and declaration targets are definitions; a compound assignment or {@code ++} both
 * defines and uses; {@code x.f = ..} and {@code a[i] = ..} define (and use) the base variable;
 * {@code this.f} counts as the variable {@code this.f}, so that fields are tracked one by one.
 * Capitalised receivers that are no declared variable are types (static calls), not uses. Inside a
 * lambda or an anonymous class body (code that runs later, elsewhere) only uses and calls count.
 */
final class JavaDataFlow extends TreeSitterDataFlow {
  private final JavaReceiverTypes types;

  JavaDataFlow(TreeSitterSource src, JavaReceiverTypes types) {
    super(src);
    this.types = types;
  }

  @Override
  protected void visit(TSNode n, int mode, boolean nested, ArrayDeque<Frame> stack, TreeSitterDraft out) {
    String t = n.getType();
    switch (t) {
      case "identifier" -> name(src.text(n), mode, nested, out);
      case "this" -> { if (mode == USE) out.use("this"); }
      case "line_comment", "block_comment", "type_identifier", "scoped_type_identifier", "generic_type",
          "marker_annotation", "annotation", "modifiers", "string_literal", "type_arguments",
          "integral_type", "floating_point_type", "boolean_type", "void_type", "array_type",
          "dimensions" -> { }
      case "assignment_expression" -> {
        TSNode op = field(n, "operator");
        boolean plain = op != null && "=".equals(src.text(op));
        pushChildrenOf(n, stack, nested, USE, "left");
        TSNode left = field(n, "left");
        if (left != null) stack.push(new Frame(left, plain ? DEF : DEF_USE, nested));
      }
      case "update_expression" -> pushAll(n, stack, DEF_USE, nested);
      case "variable_declarator" -> {
        pushChildrenOf(n, stack, nested, USE, "name", "dimensions");
        TSNode name = field(n, "name");
        if (name != null) stack.push(new Frame(name, DEF, nested));
      }
      case "field_access" -> {
        TSNode object = field(n, "object");
        TSNode fieldName = field(n, "field");
        if (object != null && "this".equals(object.getType()) && fieldName != null) {
          name("this." + src.text(fieldName), mode, nested, out);
        } else if (object != null && !isPackagePath(n)) {
          stack.push(new Frame(object, receiverMode(object, mode), nested));
        }
      }
      case "array_access" -> {
        TSNode array = field(n, "array");
        TSNode index = field(n, "index");
        if (index != null) stack.push(new Frame(index, USE, nested));
        if (array != null) stack.push(new Frame(array, mode == USE ? USE : DEF_USE, nested));
      }
      case "method_invocation" -> {
        List<String> names = types.invocationNames(n);
        if (!names.isEmpty()) out.call(names.get(0));
        pushChildrenOf(n, stack, nested, USE, "name", "object", "type_arguments");
        TSNode object = field(n, "object");
        if (object != null) stack.push(new Frame(object, receiverMode(object, USE), nested));
      }
      case "object_creation_expression" -> {
        List<String> names = types.creationNames(n);
        if (!names.isEmpty()) out.call(names.get(0));
        List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
        for (int i = kids.size() - 1; i >= 0; i--) {
          TSNode c = kids.get(i).node();
          if (!c.isNamed() || "type".equals(kids.get(i).field())) continue;
          stack.push(new Frame(c, USE, nested || "class_body".equals(c.getType())));
        }
      }
      case "lambda_expression" -> pushAll(n, stack, USE, true);
      case "formal_parameters", "formal_parameter", "inferred_parameters" -> {
        if (!nested) pushAll(n, stack, DEF, false);
      }
      case "catch_formal_parameter", "resource", "instanceof_expression", "enhanced_for_statement" -> {
        List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
        for (int i = kids.size() - 1; i >= 0; i--) {
          TSNode c = kids.get(i).node();
          if (!c.isNamed()) continue;
          String fieldName = kids.get(i).field();
          boolean isName = "name".equals(fieldName);
          if ("type".equals(fieldName) || "right".equals(fieldName) && "instanceof_expression".equals(t)) continue;
          stack.push(new Frame(c, isName ? DEF : USE, nested));
        }
      }
      case "method_reference" -> {
        if (n.getNamedChildCount() > 0) stack.push(new Frame(n.getNamedChild(0), receiverMode(n.getNamedChild(0), USE), nested));
      }
      case "parenthesized_expression" -> pushAll(n, stack, mode, nested);
      default -> pushAll(n, stack, USE, nested);
    }
  }

  /** {@code java.io.File}: a lower-case root that is no variable, followed by a capitalised name. */
  private boolean isPackagePath(TSNode fieldAccess) {
    String path = types.dottedPath(fieldAccess);
    if (path == null) return false;
    String[] parts = path.split("\\.");
    if (parts.length < 2 || types.isVariable(parts[0]) || "this".equals(parts[0])) return false;
    if (parts[0].isEmpty() || !Character.isLowerCase(parts[0].charAt(0))) return false;
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) return true;
    }
    return false;
  }

  /** A capitalised receiver that is no variable is a type: not a use. */
  private int receiverMode(TSNode object, int mode) {
    if ("identifier".equals(object.getType())) {
      String name = src.text(object);
      if (!name.isEmpty() && Character.isUpperCase(name.charAt(0)) && !types.isVariable(name)) return NONE;
    }
    return mode == USE ? USE : DEF_USE;
  }

  private static void pushChildrenOf(TSNode n, ArrayDeque<Frame> stack, boolean nested, int mode, String... exceptFields) {
    List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
    outer:
    for (int i = kids.size() - 1; i >= 0; i--) {
      TSNode c = kids.get(i).node();
      if (!c.isNamed()) continue;
      String fieldName = kids.get(i).field();
      for (String e : exceptFields) if (e.equals(fieldName)) continue outer;
      if ("left".equals(fieldName)) continue;
      stack.push(new Frame(c, mode, nested));
    }
  }
}
