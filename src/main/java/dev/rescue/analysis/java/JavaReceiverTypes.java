package dev.rescue.analysis.java;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Names Java calls the way the API facet wants them ({@link ApiName}): {@code Type.method} when the receiver's type is
 * evident, else {@code .method} plus {@code receiver.method} (the receiver's last name:
 * {@code this.conn.prepareStatement} gives {@code conn.prepareStatement}).
 *
 * <p>A receiver's type is evident when it is a capitalised name that is no local variable (a static
 * call, {@code Base64.getEncoder}), a local or parameter declared with a type ({@code Statement st}
 * makes {@code st.executeQuery} {@code Statement.executeQuery}), an object creation ({@code new
 * ProcessBuilder(..).start()} is {@code ProcessBuilder.start}) or a singleton getter of the type
 * itself ({@code Runtime.getRuntime().exec} is {@code Runtime.exec}; getters named
 * {@code get<Type>}, {@code getInstance}, {@code getDefault}). A constructor call is
 * {@code Type.<init>}. A single-type import adds the qualified form beside the simple one
 * ({@code java.sql.Statement.executeQuery}). Variables are collected over the whole text, ignoring
 * scopes: a name declared twice with different types keeps the first.
 */
final class JavaReceiverTypes {
  private static final Set<String> SINGLETON_GETTERS = Set.of("getInstance", "getDefault");

  private final TreeSitterSource src;
  private final Map<String, String> variableTypes = new HashMap<>();
  private final Map<String, String> imports = new HashMap<>();

  JavaReceiverTypes(TreeSitterSource src, TSNode scope) {
    this.src = src;
    TreeSitterNodes.walk(scope, n -> {
      switch (n.getType()) {
        case "import_declaration" -> {
          String text = src.text(n).replace("import", "").replace("static", "").replace(";", "").trim();
          int dot = text.lastIndexOf('.');
          if (dot > 0 && !text.endsWith("*")) imports.putIfAbsent(text.substring(dot + 1), text);
          return false;
        }
        case "local_variable_declaration", "field_declaration" -> {
          String t = simpleType(field(n, "type"));
          for (TSNode d : TreeSitterNodes.fieldChildren(n, "declarator")) {
            TSNode name = field(d, "name");
            String declared = "var".equals(t) ? creationType(field(d, "value")) : t;
            if (name != null && declared != null) variableTypes.putIfAbsent(src.text(name), declared);
          }
        }
        case "formal_parameter", "spread_parameter", "resource", "catch_formal_parameter",
            "enhanced_for_statement" -> {
          TSNode name = field(n, "name");
          if (name == null && "spread_parameter".equals(n.getType())) {
            TSNode d = TreeSitterNodes.firstDescendant(n, c -> "variable_declarator".equals(c.getType()));
            name = field(d, "name");
          }
          TSNode t = field(n, "type");
          if (t == null && "catch_formal_parameter".equals(n.getType())) {
            t = TreeSitterNodes.firstDescendant(n, c -> "type_identifier".equals(c.getType()));
          }
          String st = simpleType(t);
          if (name != null && st != null && !"var".equals(st)) variableTypes.putIfAbsent(src.text(name), st);
        }
        default -> { }
      }
      return true;
    });
  }

  /** True when {@code name} is a declared variable (local, parameter, field) of the text. */
  boolean isVariable(String name) {
    return variableTypes.containsKey(name);
  }

  /** The names of a method invocation, best first; the first is the one statements record. */
  List<String> invocationNames(TSNode call) {
    String method = src.text(field(call, "name"));
    TSNode object = field(call, "object");
    if (object == null) return List.of(method);
    String receiverType = receiverType(object);
    Set<String> out = new LinkedHashSet<>();
    if (receiverType != null) {
      out.add(ApiName.qualified(receiverType, method));
      String qualified = imports.get(receiverType);
      if (qualified != null) out.add(ApiName.qualified(qualified, method));
      String path = dottedPath(object);
      if (path != null && path.contains(".") && Character.isUpperCase(lastSegment(path).charAt(0))) {
        out.add(ApiName.qualified(path, method)); // java.io.File.createTempFile
      }
      return List.copyOf(out);
    }
    String path = dottedPath(object);
    boolean named = path != null && !"this".equals(path) && !"super".equals(path);
    return ApiName.onUnknownReceiver(named ? lastSegment(path) : null, method);
  }

  /** The names of {@code new T(..)}: {@code T.<init>} and the imported qualified form. */
  List<String> creationNames(TSNode creation) {
    String t = simpleType(field(creation, "type"));
    if (t == null) return List.of();
    String qualified = imports.get(t);
    return qualified == null ? List.of(ApiName.constructor(t))
        : List.of(ApiName.constructor(t), ApiName.constructor(qualified));
  }

  private String receiverType(TSNode object) {
    switch (object.getType()) {
      case "identifier" -> {
        String name = src.text(object);
        String declared = variableTypes.get(name);
        if (declared != null) return declared;
        return looksLikeType(name) ? name : null;
      }
      case "field_access" -> {
        String path = dottedPath(object);
        if (path != null && !path.startsWith("this.")) {
          String last = lastSegment(path);
          if (looksLikeType(last)) return last;
        }
        return null;
      }
      case "object_creation_expression" -> {
        return simpleType(field(object, "type"));
      }
      case "parenthesized_expression" -> {
        TSNode inner = object.getNamedChildCount() > 0 ? object.getNamedChild(0) : null;
        return inner == null ? null : receiverType(inner);
      }
      case "method_invocation" -> {
        TSNode inner = field(object, "object");
        String getter = src.text(field(object, "name"));
        if (inner == null) return null;
        String innerType = receiverType(inner);
        if (innerType != null && "identifier".equals(inner.getType()) && !isVariable(src.text(inner))
            && (SINGLETON_GETTERS.contains(getter) || getter.equalsIgnoreCase("get" + innerType))) {
          return innerType;
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private String creationType(TSNode value) {
    return "object_creation_expression".equals(type(value)) ? simpleType(field(value, "type")) : null;
  }

  private boolean looksLikeType(String name) {
    return !name.isEmpty() && Character.isUpperCase(name.charAt(0)) && !isVariable(name)
        && !name.equals(name.toUpperCase(java.util.Locale.ROOT)); // CONSTANT_FIELD is no type
  }

  /** {@code a.b.c} for identifiers, field accesses and {@code this}, else null. */
  String dottedPath(TSNode n) {
    StringBuilder sb = new StringBuilder();
    TSNode cur = n;
    while (true) {
      String t = cur.getType();
      if ("identifier".equals(t) || "this".equals(t) || "super".equals(t)) {
        sb.insert(0, src.text(cur));
        return sb.toString();
      }
      if (!"field_access".equals(t)) return null;
      TSNode f = field(cur, "field");
      TSNode o = field(cur, "object");
      if (f == null || o == null) return null;
      sb.insert(0, "." + src.text(f));
      cur = o;
    }
  }

  /** The simple name of a type node: {@code List<String>} is {@code List}, {@code a.b.C} is {@code C}. */
  String simpleType(TSNode t) {
    if (t == null) return null;
    return switch (t.getType()) {
      case "type_identifier" -> src.text(t);
      case "generic_type" -> t.getNamedChildCount() > 0 ? simpleType(t.getNamedChild(0)) : null;
      case "scoped_type_identifier" -> t.getNamedChildCount() > 0
          ? simpleType(t.getNamedChild(t.getNamedChildCount() - 1)) : null;
      default -> null;
    };
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
