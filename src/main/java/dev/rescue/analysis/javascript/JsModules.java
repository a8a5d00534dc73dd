package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Names JavaScript calls through the modules a text imports, spelled as {@link ApiName} says.
 *
 * <p>{@code const cp = require('child_process'); cp.exec(..)} and {@code import * as cp from
 * 'child_process'} give {@code child_process.exec}; destructuring ({@code const { exec: run } =
 * require('child_process')}) and named imports bind a name to {@code module.member};
 * {@code require('fs').readFileSync(..)} is {@code fs.readFileSync}. The {@code node:} prefix is
 * dropped. Globals keep their names ({@code eval}, {@code setTimeout}, {@code Function}). A method
 * on any other receiver gives {@code .method} and {@code receiver.method} (the receiver's last
 * name: {@code document.write}, {@code this.db.query} gives {@code db.query}). {@code new X(..)}
 * is {@code X.<init>}. Bindings are collected over the whole text, ignoring scopes.
 */
final class JsModules {
  private final TreeSitterSource src;
  private final Map<String, String> bindings = new HashMap<>();

  JsModules(TreeSitterSource src) {
    this.src = src;
    TreeSitterNodes.walk(src.root(), n -> {
      switch (n.getType()) {
        case "variable_declarator" -> bindRequire(field(n, "name"), field(n, "value"));
        case "assignment_expression" -> bindRequire(field(n, "left"), field(n, "right"));
        case "import_statement" -> bindImport(n);
        default -> { }
      }
      return true;
    });
  }

  private void bindRequire(TSNode target, TSNode value) {
    String module = requiredModule(value);
    if (module == null || target == null) return;
    switch (target.getType()) {
      case "identifier" -> bindings.put(src.text(target), module);
      case "object_pattern" -> {
        for (TSNode p : TreeSitterNodes.namedChildren(target)) {
          switch (p.getType()) {
            case "shorthand_property_identifier_pattern" -> bindings.put(src.text(p), ApiName.qualified(module, src.text(p)));
            case "pair_pattern" -> {
              TSNode key = field(p, "key");
              TSNode val = field(p, "value");
              if ("assignment_pattern".equals(type(val))) val = field(val, "left");
              if (key != null && "identifier".equals(type(val))) {
                bindings.put(src.text(val), ApiName.qualified(module, unquote(src.text(key))));
              }
            }
            case "object_assignment_pattern" -> {
              TSNode left = field(p, "left");
              if (left != null) bindings.put(src.text(left), ApiName.qualified(module, src.text(left)));
            }
            default -> { }
          }
        }
      }
      default -> { }
    }
  }

  /**
   * {@code require('m')}, {@code require('m').x} (as {@code m.x}), {@code await import('m')}, else null.
   * Iterative: thousands of nested parentheses or members must not overflow the stack.
   */
  String requiredModule(TSNode value) {
    ArrayDeque<String> members = new ArrayDeque<>(); // innermost on top
    for (TSNode n = value; n != null; ) {
      switch (n.getType()) {
        case "call_expression" -> {
          String module = calledModule(n);
          if (module == null) return null;
          while (!members.isEmpty()) module = ApiName.qualified(module, members.pop());
          return module;
        }
        case "member_expression" -> {
          TSNode prop = field(n, "property");
          if (prop == null) return null;
          members.push(src.text(prop));
          n = field(n, "object");
        }
        case "await_expression", "parenthesized_expression" ->
            n = n.getNamedChildCount() == 0 ? null : n.getNamedChild(0);
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  /** The module of {@code require('m')} or {@code import('m')}, else null. */
  private String calledModule(TSNode call) {
    TSNode fn = field(call, "function");
    String name = type(fn).equals("identifier") || type(fn).equals("import") ? src.text(fn) : "";
    if (!"require".equals(name) && !"import".equals(name)) return null;
    TSNode args = field(call, "arguments");
    TSNode first = args == null || args.getNamedChildCount() == 0 ? null : args.getNamedChild(0);
    if (first == null || !"string".equals(first.getType())) return null;
    return moduleName(src.text(first));
  }

  private void bindImport(TSNode n) {
    TSNode source = field(n, "source");
    if (source == null) return;
    String module = moduleName(src.text(source));
    TSNode clause = TreeSitterNodes.firstDescendant(n, c -> "import_clause".equals(c.getType()));
    for (TSNode c : TreeSitterNodes.namedChildren(clause)) {
      switch (c.getType()) {
        case "identifier" -> bindings.put(src.text(c), module);
        case "namespace_import" -> {
          TSNode id = TreeSitterNodes.firstDescendant(c, x -> "identifier".equals(x.getType()));
          if (id != null) bindings.put(src.text(id), module);
        }
        case "named_imports" -> {
          for (TSNode spec : TreeSitterNodes.namedChildren(c)) {
            TSNode name = field(spec, "name");
            TSNode alias = field(spec, "alias");
            if (name == null) continue;
            String imported = unquote(src.text(name));
            bindings.put(src.text(alias != null ? alias : name),
                "default".equals(imported) ? module : ApiName.qualified(module, imported));
          }
        }
        default -> { }
      }
    }
  }

  /** True when {@code name} is bound to a module or a module member. */
  boolean isModule(String name) {
    return bindings.containsKey(name);
  }

  /** The names of a call expression, best first; the first is the one statements record. */
  List<String> callNames(TSNode call) {
    TSNode fn = field(call, "function");
    if (fn == null) return List.of();
    Set<String> out = new LinkedHashSet<>();
    switch (fn.getType()) {
      case "identifier" -> {
        String name = src.text(fn);
        out.add(bindings.getOrDefault(name, name));
      }
      case "import" -> out.add("import");
      case "member_expression", "subscript_expression" -> {
        String member = memberName(fn);
        if (member == null) return List.of();
        TSNode object = field(fn, "object");
        String module = requiredModule(object);
        if (module == null && "identifier".equals(type(object))) module = bindings.get(src.text(object));
        if (module != null) {
          out.add(ApiName.qualified(module, member));
        } else {
          out.addAll(ApiName.onUnknownReceiver(receiverName(object), member));
        }
      }
      case "parenthesized_expression", "function_expression", "arrow_function", "call_expression" -> { }
      default -> { }
    }
    return List.copyOf(out);
  }

  /** The names of {@code new X(..)}: {@code X.<init>}, and {@code Function} for the eval-like constructor. */
  List<String> newNames(TSNode creation) {
    TSNode ctor = field(creation, "constructor");
    if (ctor == null) return List.of();
    String name;
    if ("identifier".equals(ctor.getType())) {
      name = bindings.getOrDefault(src.text(ctor), src.text(ctor));
    } else if ("member_expression".equals(ctor.getType())) {
      TSNode object = field(ctor, "object");
      String module = "identifier".equals(type(object)) ? bindings.get(src.text(object)) : requiredModule(object);
      String member = memberName(ctor);
      if (member == null) return List.of();
      name = module != null ? ApiName.qualified(module, member) : member;
    } else {
      return List.of();
    }
    return "Function".equals(name) ? List.of(ApiName.constructor(name), name) : List.of(ApiName.constructor(name));
  }

  private String memberName(TSNode member) {
    if ("member_expression".equals(member.getType())) {
      TSNode prop = field(member, "property");
      return prop == null ? null : src.text(prop);
    }
    TSNode index = field(member, "index");
    if (index != null && "string".equals(index.getType())) return unquote(src.text(index));
    return null;
  }

  private String receiverName(TSNode object) {
    if (object == null) return null;
    return switch (object.getType()) {
      case "identifier" -> src.text(object);
      case "member_expression" -> memberName(object);
      default -> null;
    };
  }

  static String moduleName(String quoted) {
    String m = unquote(quoted);
    return m.startsWith("node:") ? m.substring(5) : m;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"' || s.charAt(0) == '`')) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
