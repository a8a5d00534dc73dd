package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterNodes.FieldedChild;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
final class JsEffects {
  static final int USE = 0;
  static final int DEF = 1;
  static final int DEF_USE = 2;
  private static final Set<String> FUNCTIONS = Set.of("function_expression", "arrow_function",
      "function_declaration", "generator_function", "generator_function_declaration", "method_definition",
      "class_declaration", "class");

  final Set<String> defs = new LinkedHashSet<>();
  final Set<String> uses = new LinkedHashSet<>();
  final List<String> calls = new ArrayList<>();

  private final TreeSitterSource src;
  private final JsModules modules;

  private record Frame(TSNode node, int mode, boolean nested) {}

  JsEffects(TreeSitterSource src, JsModules modules) {
    this.src = src;
    this.modules = modules;
  }

  JsEffects add(TSNode node, Set<TSNode> skip) {
    return add(node, USE, skip);
  }

  /** Adds the effects of {@code node} read in {@code mode}, skipping the subtrees in {@code skip}. */
  JsEffects add(TSNode node, int mode, Set<TSNode> skip) {
    if (node == null) return this;
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(node, mode, false));
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      if (skip.contains(f.node)) continue;
      visit(f.node, f.mode, f.nested, stack);
    }
    return this;
  }

  private void visit(TSNode n, int mode, boolean nested, ArrayDeque<Frame> stack) {
    String t = n.getType();
    if (FUNCTIONS.contains(t) && mode == USE) {
      TSNode name = field(n, "name");
      if (name != null && !nested && t.endsWith("_declaration")) defs.add(src.text(name));
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
          name(src.text(n), mode, nested);
      case "this" -> { if (mode == USE) uses.add("this"); }
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
          name("this." + src.text(prop), mode, nested);
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
        if (!names.isEmpty()) calls.add(names.get(0));
        pushAll(n, stack, USE, nested);
      }
      case "new_expression" -> {
        List<String> names = modules.newNames(n);
        if (!names.isEmpty()) calls.add(names.get(0));
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

  private void name(String name, int mode, boolean nested) {
    if (name.isEmpty() || "undefined".equals(name)) return;
    if (mode != DEF) uses.add(name);
    if (mode != USE && !nested) defs.add(name);
  }

  private static void push(ArrayDeque<Frame> stack, TSNode n, int mode, boolean nested) {
    if (n != null) stack.push(new Frame(n, mode, nested));
  }

  private static void pushAll(TSNode n, ArrayDeque<Frame> stack, int mode, boolean nested) {
    List<FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
    for (int i = kids.size() - 1; i >= 0; i--) {
      TSNode c = kids.get(i).node();
      if (c.isNamed()) stack.push(new Frame(c, mode, nested));
    }
  }
}
