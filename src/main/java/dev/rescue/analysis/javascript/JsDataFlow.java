package dev.rescue.analysis.javascript;

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
 * The variables a piece of JavaScript defines and uses, and the calls it makes.
 *
 * <p>Iterative walk (no recursion). Definitions: assignment targets, {@code let/const/var}
 * declarators with any destructuring pattern, {@code for-in/for-of} targets, catch parameters,
 * parameters, the base variable of {@code x.f = ..} and {@code a[i] = ..} (also a use), and both
 * def and use for {@code +=} and {@code ++}. {@code this.f} is tracked as the variable
 * {@code this.f}. Inside a nested function (code that runs later) only uses and calls count.
 * Assigning {@code el.innerHTML} is no call.
 */
final class JsDataFlow extends TreeSitterDataFlow {
  private static final Set<String> FUNCTIONS = Set.of("function_expression", "arrow_function",
      "function_declaration", "generator_function", "generator_function_declaration", "method_definition",
      "class_declaration", "class");

  private final JsModules modules;

  JsDataFlow(TreeSitterSource src, JsModules modules) {
    super(src);
    this.modules = modules;
  }

  @Override
  protected boolean ignored(String name) {
    return "undefined".equals(name);
  }

  @Override
  protected void visit(TSNode n, int mode, boolean nested, ArrayDeque<Frame> stack, TreeSitterDraft out) {
    String t = n.getType();
    if (FUNCTIONS.contains(t) && mode == USE) {
      TSNode name = field(n, "name");
      if (name != null && !nested && t.endsWith("_declaration")) out.def(src.text(name));
      List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
      for (int i = kids.size() - 1; i >= 0; i--) {
        TSNode c = kids.get(i).node();
        String fieldName = kids.get(i).field();
        if (!c.isNamed() || "parameters".equals(fieldName) || "parameter".equals(fieldName)
            || "name".equals(fieldName)) continue;
        stack.push(new Frame(c, USE, true));
      }
      return;
    }
    switch (t) {
      case "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern" ->
          name(src.text(n), mode, nested, out);
      case "this" -> { if (mode == USE) out.use("this"); }
      case "comment", "property_identifier", "statement_identifier", "string", "number", "regex",
          "private_property_identifier", "hash_bang_line" -> { }
      case "assignment_expression" -> {
        push(stack, field(n, "right"), USE, nested);
        push(stack, field(n, "left"), DEF, nested);
      }
      case "augmented_assignment_expression" -> {
        push(stack, field(n, "right"), USE, nested);
        push(stack, field(n, "left"), DEF_USE, nested);
      }
      case "update_expression" -> pushAll(n, stack, DEF_USE, nested);
      case "variable_declarator" -> {
        push(stack, field(n, "value"), USE, nested);
        push(stack, field(n, "name"), DEF, nested);
      }
      case "pair_pattern" -> {
        TSNode key = field(n, "key");
        push(stack, field(n, "value"), mode, nested);
        if (key != null && "computed_property_name".equals(key.getType())) push(stack, key, USE, nested);
      }
      case "pair" -> {
        TSNode key = field(n, "key");
        push(stack, field(n, "value"), USE, nested);
        if (key != null && "computed_property_name".equals(key.getType())) push(stack, key, USE, nested);
      }
      case "assignment_pattern", "object_assignment_pattern" -> {
        push(stack, field(n, "right"), USE, nested);
        push(stack, field(n, "left"), mode == USE ? USE : DEF, nested);
      }
      case "member_expression" -> {
        TSNode object = field(n, "object");
        TSNode prop = field(n, "property");
        if (object != null && "this".equals(object.getType()) && prop != null) {
          name("this." + src.text(prop), mode, nested, out);
        } else {
          push(stack, object, mode == USE ? USE : DEF_USE, nested);
        }
      }
      case "subscript_expression" -> {
        push(stack, field(n, "index"), USE, nested);
        push(stack, field(n, "object"), mode == USE ? USE : DEF_USE, nested);
      }
      case "call_expression" -> {
        List<String> names = modules.callNames(n);
        if (!names.isEmpty()) out.call(names.get(0));
        pushAll(n, stack, USE, nested);
      }
      case "new_expression" -> {
        List<String> names = modules.newNames(n);
        if (!names.isEmpty()) out.call(names.get(0));
        pushAll(n, stack, USE, nested);
      }
      case "for_in_statement" -> {
        push(stack, field(n, "right"), USE, nested);
        push(stack, field(n, "left"), DEF, nested);
      }
      case "catch_clause" -> push(stack, field(n, "parameter"), DEF, nested);
      case "formal_parameters" -> pushAll(n, stack, DEF, nested);
      case "object_pattern", "array_pattern", "rest_pattern", "parenthesized_expression",
          "lexical_declaration", "variable_declaration" -> pushAll(n, stack, mode, nested);
      default -> pushAll(n, stack, USE, nested);
    }
  }
}
