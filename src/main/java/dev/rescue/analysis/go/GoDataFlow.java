package dev.rescue.analysis.go;

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
 * The variables a piece of Go defines and uses, and the calls it makes.
 *
 * <p>Iterative walk (no recursion). Definitions: {@code :=} and {@code =} targets (all of a
 * multiple assignment), {@code var} and {@code const} names, range targets, the base variable of
 * {@code x.f = ..}, {@code a[i] = ..} and {@code *p = ..} (also a use), {@code x} in
 * {@code f(&x)} (the callee may write it), both def and use for {@code +=} and {@code ++}. The
 * blank identifier is neither. Package names and struct literal keys are no uses. Inside a function
 * literal (code that runs later) only uses and calls count.
 */
final class GoDataFlow extends TreeSitterDataFlow {
  private final GoPackages packages;

  GoDataFlow(TreeSitterSource src, GoPackages packages) {
    super(src);
    this.packages = packages;
  }

  @Override
  protected boolean ignored(String name) {
    return "_".equals(name);
  }

  @Override
  protected void visit(TSNode n, int mode, boolean nested, ArrayDeque<Frame> stack, TreeSitterDraft out) {
    String t = n.getType();
    switch (t) {
      case "identifier" -> name(src.text(n), mode, nested, out);
      case "comment", "field_identifier", "package_identifier", "type_identifier", "label_name",
          "interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal", "rune_literal",
          "nil", "true", "false", "iota", "qualified_type", "pointer_type", "slice_type", "array_type",
          "map_type", "channel_type", "function_type", "interface_type", "struct_type", "generic_type",
          "type_arguments" -> { }
      case "func_literal" -> {
        push(stack, field(n, "body"), USE, true);
      }
      case "short_var_declaration", "assignment_statement", "range_clause", "receive_statement" -> {
        TSNode op = null;
        for (FieldedChild k : TreeSitterNodes.fieldedChildren(n)) {
          if ("operator".equals(k.field())) op = k.node();
        }
        String opText = op == null ? "=" : src.text(op);
        boolean plain = "=".equals(opText) || ":=".equals(opText) || "short_var_declaration".equals(t)
            || !"assignment_statement".equals(t);
        push(stack, field(n, "right"), USE, nested);
        push(stack, field(n, "left"), plain ? DEF : DEF_USE, nested);
      }
      case "inc_statement", "dec_statement" -> pushAll(n, stack, DEF_USE, nested);
      case "var_spec", "const_spec" -> {
        push(stack, field(n, "value"), USE, nested);
        for (TSNode name : TreeSitterNodes.fieldChildren(n, "name")) {
          push(stack, name, DEF, nested);
        }
      }
      case "selector_expression" -> {
        TSNode operand = field(n, "operand");
        if (operand != null && "identifier".equals(operand.getType())) {
          String name = src.text(operand);
          if (packages.isPackage(name) && !packages.isVariable(name)) return;
        }
        push(stack, operand, mode == USE ? USE : DEF_USE, nested);
      }
      case "index_expression", "slice_expression" -> {
        List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
        for (int i = kids.size() - 1; i >= 0; i--) {
          TSNode c = kids.get(i).node();
          if (!c.isNamed()) continue;
          boolean operand = "operand".equals(kids.get(i).field());
          stack.push(new Frame(c, operand && mode != USE ? DEF_USE : USE, nested));
        }
      }
      case "unary_expression" -> {
        TSNode op = null;
        for (FieldedChild k : TreeSitterNodes.fieldedChildren(n)) {
          if ("operator".equals(k.field())) op = k.node();
        }
        String opText = op == null ? "" : src.text(op);
        int inner = mode;
        if ("&".equals(opText) && isCallArgument(n)) inner = DEF_USE;
        else if (!"*".equals(opText)) inner = USE;
        else if (mode != USE) inner = DEF_USE;
        push(stack, field(n, "operand"), inner, nested);
      }
      case "call_expression" -> {
        List<String> names = packages.callNames(n);
        if (!names.isEmpty()) out.call(names.get(0));
        TSNode fn = field(n, "function");
        push(stack, field(n, "arguments"), USE, nested);
        if (fn != null && !"identifier".equals(fn.getType())) push(stack, fn, USE, nested);
      }
      case "keyed_element" -> {
        // Struct literal keys name fields, not variables: {Type: t} uses t only.
        List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
        for (int i = kids.size() - 1; i >= 0; i--) {
          TSNode c = kids.get(i).node();
          if (!c.isNamed() || "comment".equals(c.getType())) continue;
          if ("key".equals(kids.get(i).field()) && isBareName(c)) continue;
          stack.push(new Frame(c, USE, nested));
        }
      }
      case "expression_list", "parenthesized_expression" -> pushAll(n, stack, mode, nested);
      case "parameter_declaration", "variadic_parameter_declaration" -> {
        for (TSNode name : TreeSitterNodes.fieldChildren(n, "name")) push(stack, name, DEF, nested);
      }
      default -> pushAll(n, stack, USE, nested);
    }
  }

  private static boolean isBareName(TSNode key) {
    TSNode k = key;
    if ("literal_element".equals(k.getType()) && k.getNamedChildCount() == 1) k = k.getNamedChild(0);
    return "identifier".equals(k.getType()) || "field_identifier".equals(k.getType());
  }

  private static boolean isCallArgument(TSNode n) {
    TSNode p = n.getParent();
    return p != null && !p.isNull() && "argument_list".equals(p.getType());
  }
}
