package dev.rescue.check.flow;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * The tree-sitter node kinds the flow rules read, for the six grammars at once: their node names
 * rarely clash, and where two grammars share a name ({@code call_expression}, {@code
 * assignment_expression}) they share its shape too.
 */
final class Syntax {
  private Syntax() {}

  static final Set<String> FUNCTIONS = Set.of("function_definition", "function_declaration", "method_declaration",
      "constructor_declaration", "arrow_function", "function_expression", "function", "method_definition",
      "func_literal", "lambda", "lambda_expression", "generator_function_declaration");

  static final Set<String> CALLS = Set.of("call", "call_expression", "method_invocation", "new_expression",
      "object_creation_expression");

  static final Set<String> IDENTIFIERS = Set.of("identifier", "shorthand_property_identifier_pattern",
      "shorthand_property_identifier");

  /** Assignment-like nodes: the field of what is written and the field of the value (null: the first named child). */
  static final Map<String, String[]> ASSIGNMENTS = Map.ofEntries(
      Map.entry("assignment", new String[] {"left", "right"}),
      Map.entry("augmented_assignment", new String[] {"left", "right"}),
      Map.entry("named_expression", new String[] {"name", "value"}),
      Map.entry("assignment_expression", new String[] {"left", "right"}),
      Map.entry("augmented_assignment_expression", new String[] {"left", "right"}),
      Map.entry("variable_declarator", new String[] {"name", "value"}),
      Map.entry("init_declarator", new String[] {"declarator", "value"}),
      Map.entry("short_var_declaration", new String[] {"left", "right"}),
      Map.entry("assignment_statement", new String[] {"left", "right"}),
      Map.entry("var_spec", new String[] {"name", "value"}),
      Map.entry("for_statement", new String[] {"left", "right"}),
      Map.entry("for_in_statement", new String[] {"left", "right"}),
      Map.entry("range_clause", new String[] {"left", "right"}),
      Map.entry("enhanced_for_statement", new String[] {"name", "value"}),
      Map.entry("for_range_loop", new String[] {"declarator", "right"}),
      Map.entry("as_pattern", new String[] {"alias", null}));

  /** Nodes whose condition guards what follows or what they hold. */
  static final Set<String> CONDITIONAL = Set.of("if_statement", "elif_clause", "while_statement", "for_statement",
      "do_statement", "ternary_expression", "conditional_expression", "assert_statement");

  static final Set<String> STRINGS = Set.of("string", "string_literal", "interpreted_string_literal",
      "raw_string_literal", "template_string", "concatenated_string", "char_literal", "character_literal");

  static final Set<String> INTEGERS = Set.of("integer", "number_literal", "int_literal", "decimal_integer_literal",
      "number", "hex_integer_literal");

  private static final Set<String> CONSTANTS = Set.of("true", "false", "none", "null", "nil", "null_literal",
      "undefined", "float", "float_literal", "decimal_floating_point_literal", "sizeof_expression", "regex");

  /** Interpolation inside a string: the string is built from data, not constant. */
  private static final Set<String> INTERPOLATIONS = Set.of("interpolation", "template_substitution");

  /** The parameters node of a function, or null. */
  static TSNode parameters(TSNode fn) {
    TSNode p = field(fn, "parameters");
    if (p != null) return p;
    p = field(fn, "parameter");
    if (p != null) return p;
    TSNode decl = field(fn, "declarator"); // C and C++: int f(char *a)
    while (decl != null) {
      TSNode ps = field(decl, "parameters");
      if (ps != null) return ps;
      decl = field(decl, "declarator");
    }
    return null;
  }

  /**
   * What a function says it is: its name, then the comments right above it (C, C++, Go, JavaScript,
   * Java) or its docstring (Python), one text: the name and the documentation are where code says
   * what the value it returns is for (a URL, a log line, a page).
   */
  static String title(TSNode fn, TreeSitterSource src) {
    StringBuilder out = new StringBuilder(name(fn, src));
    TSNode at = fn;
    // an exported or decorated function: its comment sits above the wrapper
    TSNode parent = at.getParent();
    if (isPresent(parent) && Set.of("export_statement", "decorated_definition", "template_declaration").contains(parent.getType())) at = parent;
    for (TSNode c = at.getPrevNamedSibling(); isPresent(c) && "comment".equals(c.getType()); c = c.getPrevNamedSibling()) {
      out.append('\n').append(src.text(c));
    }
    TSNode body = field(fn, "body");
    if (isPresent(body)) {
      List<TSNode> stmts = namedChildren(body);
      if (!stmts.isEmpty() && "expression_statement".equals(stmts.get(0).getType())) {
        List<TSNode> e = namedChildren(stmts.get(0));
        if (!e.isEmpty() && "string".equals(e.get(0).getType())) out.append('\n').append(src.text(e.get(0)));
      }
    }
    return out.toString();
  }

  /** A function's name: its {@code name} field, or the identifier its C/C++ declarator declares; empty when it has none. */
  static String name(TSNode fn, TreeSitterSource src) {
    TSNode n = field(fn, "name");
    if (isPresent(n)) return src.text(n);
    TSNode decl = field(fn, "declarator");
    while (isPresent(decl)) {
      if (Set.of("identifier", "field_identifier", "qualified_identifier", "destructor_name", "operator_name").contains(decl.getType())) {
        return src.text(decl);
      }
      decl = field(decl, "declarator");
    }
    return "";
  }

  /** The body of a function, or the function itself when the grammar names none. */
  static TSNode body(TSNode fn) {
    TSNode b = field(fn, "body");
    return b == null ? fn : b;
  }

  /** What a call calls, as written, {@code ->} read as {@code .}: {@code os.system}, {@code .execute}, {@code strcpy}. */
  static String callee(TSNode call, TreeSitterSource src) {
    String t = call.getType();
    String text;
    if ("method_invocation".equals(t)) {
      TSNode obj = field(call, "object");
      text = (obj == null ? "" : src.text(obj) + ".") + src.text(field(call, "name"));
    } else if ("new_expression".equals(t)) {
      text = src.text(field(call, "constructor"));
    } else if ("object_creation_expression".equals(t)) {
      text = src.text(field(call, "type"));
    } else {
      text = src.text(field(call, "function"));
    }
    return text.replaceAll("\\s+", "").replace("->", ".");
  }

  /**
   * What a method call is called on: {@code fmt} of {@code fmt.format(x)} (Python, JavaScript, Java),
   * {@code s} of {@code s.Method()} (Go); null for a call of a plain function.
   */
  static TSNode receiver(TSNode call) {
    if ("method_invocation".equals(call.getType())) return field(call, "object");
    TSNode fn = field(call, "function");
    if (!isPresent(fn)) return null;
    return switch (fn.getType()) {
      case "attribute", "member_expression" -> field(fn, "object");
      case "selector_expression" -> field(fn, "operand");
      case "field_expression" -> field(fn, "argument");
      default -> null;
    };
  }

  /** The last name of a callee: {@code execute} of {@code self.cursor.execute}, {@code system} of {@code std::system}. */
  static String lastName(String callee) {
    int cut = Math.max(callee.lastIndexOf('.'), callee.lastIndexOf(':'));
    return callee.substring(cut + 1);
  }

  /** A call's positional arguments, in order (keyword arguments and comments left out). */
  static List<TSNode> positional(TSNode call) {
    List<TSNode> out = new ArrayList<>();
    for (TSNode a : namedChildren(field(call, "arguments"))) {
      String t = a.getType();
      if (!"keyword_argument".equals(t) && !"comment".equals(t)) out.add(a);
    }
    return out;
  }

  /**
   * The value of a keyword argument {@code name=...} (Python) or of an option {@code {name: ...}}
   * in an object argument (JavaScript), or null.
   */
  static TSNode keyword(TSNode call, String name, TreeSitterSource src) {
    for (TSNode a : namedChildren(field(call, "arguments"))) {
      if ("keyword_argument".equals(a.getType()) && name.equals(src.text(field(a, "name")))) return field(a, "value");
      if ("object".equals(a.getType())) {
        for (TSNode pair : namedChildren(a)) {
          if ("pair".equals(pair.getType())
              && name.equals(src.text(field(pair, "key")).replaceAll("^[\"']|[\"']$", ""))) {
            return field(pair, "value");
          }
        }
      }
    }
    return null;
  }

  /** Whether a node is a constant: a literal without interpolation, {@code sizeof}, an ALL_CAPS name, or arithmetic of those. */
  static boolean constant(TSNode n, TreeSitterSource src) {
    if (!isPresent(n)) return true;
    String t = n.getType();
    if (STRINGS.contains(t)) {
      return TreeSitterNodes.firstDescendant(n, k -> INTERPOLATIONS.contains(k.getType())) == null;
    }
    if (INTEGERS.contains(t) || CONSTANTS.contains(t)) return true;
    // a choice between constants is a constant, whatever decides it: c ? "a" : "b", "a" if c else "b"
    if ("conditional_expression".equals(t) || "ternary_expression".equals(t)) {
      TSNode yes = field(n, "consequence");
      TSNode no = field(n, "alternative");
      if (yes == null || no == null) {
        List<TSNode> kids = namedChildren(n);
        if (kids.size() != 3) return false;
        yes = kids.get(0);
        no = kids.get(2);
      }
      return isPresent(yes) && isPresent(no) && constant(yes, src) && constant(no, src);
    }
    if ("identifier".equals(t)) return src.text(n).matches("[A-Z][A-Z0-9_]*");
    if (Set.of("binary_expression", "binary_operator", "parenthesized_expression", "unary_expression",
        "cast_expression").contains(t)) {
      for (TSNode k : namedChildren(n)) {
        if (!"type_descriptor".equals(k.getType()) && !constant(k, src)) return false;
      }
      return true;
    }
    return false;
  }

  /** The text of a string literal without its quotes and prefix ({@code f"x"}, {@code `x`}, {@code L"x"}). */
  static String stringValue(TSNode n, TreeSitterSource src) {
    return src.text(n).replaceAll("^[A-Za-z]{0,2}[\"'`]+", "").replaceAll("[\"'`]+$", "");
  }

  /** The integer value of an integer literal (decimal or hex, suffixes dropped), or null. */
  static Long integer(TSNode n, TreeSitterSource src) {
    String s = src.text(n).replace("_", "").replaceAll("[uUlL]+$", "");
    try {
      return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value of an integer literal written in octal ({@code 0o640}, {@code 0640}, {@code 0}), as file permissions are; else null. */
  static Integer permission(TSNode n, TreeSitterSource src) {
    String s = src.text(n).replace("_", "");
    String digits = s.startsWith("0o") || s.startsWith("0O") ? s.substring(2) : s.startsWith("0") ? s : null;
    if (digits == null || !digits.matches("[0-7]{1,5}")) return null;
    return Integer.parseInt(digits, 8);
  }

  static boolean is(TSNode n, Set<String> types) {
    return types.contains(type(n));
  }
}
