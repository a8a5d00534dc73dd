package dev.rescue.analysis.python;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.fieldChildren;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * What the names bound by Python imports stand for, to qualify calls: {@code import yaml as y}
 * binds {@code y -> yaml}; {@code from subprocess import run} binds {@code run -> subprocess.run};
 * {@code import os.path} binds {@code os -> os} (so {@code os.path.join} stays whole). Relative
 * imports drop their dots ({@code from .utils import f} binds {@code f -> utils.f}).
 */
final class PythonImports {
  private final Map<String, String> bindings;

  private PythonImports(Map<String, String> bindings) {
    this.bindings = bindings;
  }

  /** The imports anywhere in the tree (module level or inside functions). */
  static PythonImports of(TreeSitterSource src) {
    Map<String, String> all = new LinkedHashMap<>();
    TreeSitterNodes.walk(src.root(), n -> {
      String t = n.getType();
      if ("import_statement".equals(t) || "import_from_statement".equals(t)) {
        all.putAll(bindings(n, src));
        return false;
      }
      // Imports sit in statement lists; skip expression subtrees to keep the walk cheap.
      return !t.equals("call") && !t.equals("string");
    });
    return new PythonImports(all);
  }

  /** The names one import statement binds, each with the qualified name it stands for. */
  static Map<String, String> bindings(TSNode stmt, TreeSitterSource src) {
    Map<String, String> out = new LinkedHashMap<>();
    String t = stmt.getType();
    if ("import_statement".equals(t)) {
      for (TSNode name : fieldChildren(stmt, "name")) {
        if ("aliased_import".equals(name.getType())) {
          TSNode alias = field(name, "alias");
          if (isPresent(alias)) out.put(src.text(alias), compact(src.text(field(name, "name"))));
        } else {
          String dotted = compact(src.text(name));
          String first = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
          out.put(first, first);
        }
      }
    } else if ("import_from_statement".equals(t)) {
      String module = compact(src.text(field(stmt, "module_name"))).replaceFirst("^\\.+", "");
      String prefix = module.isEmpty() ? "" : module + ".";
      for (TSNode name : fieldChildren(stmt, "name")) {
        if ("aliased_import".equals(name.getType())) {
          TSNode alias = field(name, "alias");
          if (isPresent(alias)) {
            out.put(src.text(alias), prefix + compact(src.text(field(name, "name"))));
          }
        } else if ("dotted_name".equals(type(name))) {
          String n = compact(src.text(name));
          out.put(n, prefix + n);
        }
      }
    }
    out.remove("");
    return out;
  }

  private static String compact(String s) {
    return s.replaceAll("\\s+", "");
  }

  /** The qualified form of a dotted callee whose first name is imported, or null. */
  String qualify(String dotted) {
    if (dotted == null) return null;
    int dot = dotted.indexOf('.');
    String first = dot < 0 ? dotted : dotted.substring(0, dot);
    String target = bindings.get(first);
    if (target == null) return null;
    return dot < 0 ? target : target + dotted.substring(dot);
  }
}
