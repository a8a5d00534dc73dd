package dev.rescue.analysis.go;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Names Go calls (spelled as {@link ApiName} says): package functions by the last element of their import path ({@code exec.Command},
 * {@code sql.Open}; an alias {@code sq "database/sql"} resolves to {@code sql}), methods by
 * {@code .method} plus {@code receiver.method} (the receiver's last name: {@code b.db.Query}
 * gives {@code db.Query}).
 *
 * <p>A function comes alone, without its imports, so {@code x.F(..)} is a package call when
 * {@code x} is imported, or when it is no variable, parameter or receiver declared in the text;
 * otherwise it is a method call. A selector on a name that is neither imported nor a standard
 * library package is ambiguous (an undeclared struct field, a package of the project) and gives
 * both readings.
 */
final class GoPackages {
  /** Standard packages whose calls are unambiguous without an import in sight. */
  private static final Set<String> STANDARD = Set.of("os", "exec", "sql", "fmt", "http", "ioutil", "io",
      "filepath", "path", "strings", "strconv", "rand", "rsa", "x509", "pem", "md5", "sha1", "sha256",
      "sha512", "tls", "template", "json", "xml", "base64", "hex", "url", "bufio", "regexp", "time", "log",
      "errors", "bytes", "net", "context", "sync", "syscall", "reflect", "unsafe", "hmac", "aes", "cipher",
      "des", "subtle", "ecdsa", "elliptic", "ed25519", "zip", "tar", "gzip", "atomic", "sort", "math",
      "big", "user", "signal", "utf8", "unicode", "html", "mime", "multipart", "smtp", "cookiejar",
      "httputil", "crypto", "bcrypt", "scrypt", "pbkdf2", "argon2", "jwt", "yaml", "gob", "csv", "binary");

  private final TreeSitterSource src;
  private final Map<String, String> imports = new HashMap<>();
  private final Set<String> variables = new HashSet<>();

  GoPackages(TreeSitterSource src) {
    this.src = src;
    TreeSitterNodes.walk(src.root(), n -> {
      switch (n.getType()) {
        case "import_spec" -> {
          String path = unquote(src.text(field(n, "path")));
          TSNode name = field(n, "name");
          String last = path.substring(path.lastIndexOf('/') + 1);
          if (last.matches("v[0-9]+") && path.lastIndexOf('/') > 0) { // gopkg.in/yaml.v2, x/y/v2
            String head = path.substring(0, path.lastIndexOf('/'));
            last = head.substring(head.lastIndexOf('/') + 1);
          }
          last = last.replaceAll("\\.v[0-9]+$", "").replace("go-", "");
          String local = name != null && !"_".equals(src.text(name)) && !".".equals(src.text(name))
              ? src.text(name) : last;
          imports.put(local, last);
          return false;
        }
        case "parameter_declaration", "variadic_parameter_declaration", "var_spec", "const_spec" -> {
          for (TSNode name : TreeSitterNodes.fieldChildren(n, "name")) variables.add(src.text(name));
        }
        case "short_var_declaration", "range_clause", "receive_statement", "type_switch_statement" -> {
          TSNode left = field(n, "left");
          if (left == null) left = field(n, "alias");
          TreeSitterNodes.walk(left, x -> {
            if ("identifier".equals(x.getType())) variables.add(src.text(x));
            return true;
          });
        }
        default -> { }
      }
      return true;
    });
  }

  /** True when {@code name} reads as a package here: imported, or a standard package that is no variable. */
  boolean isPackage(String name) {
    if (imports.containsKey(name)) return true;
    return !variables.contains(name) && STANDARD.contains(name);
  }

  boolean isVariable(String name) {
    return variables.contains(name);
  }

  /** The names of a call, best first; the first is the one statements record. */
  List<String> callNames(TSNode call) {
    TSNode fn = field(call, "function");
    if (fn == null) return List.of();
    if ("parenthesized_expression".equals(fn.getType()) && fn.getNamedChildCount() == 1) fn = fn.getNamedChild(0);
    switch (fn.getType()) {
      case "identifier" -> {
        return List.of(src.text(fn));
      }
      case "selector_expression" -> {
        TSNode operand = field(fn, "operand");
        String method = src.text(field(fn, "field"));
        if (method.isEmpty()) return List.of();
        if ("identifier".equals(type(operand))) {
          String name = src.text(operand);
          if (imports.containsKey(name) && !variables.contains(name)) {
            return List.of(ApiName.qualified(imports.get(name), method));
          }
          if (isPackage(name)) return List.of(ApiName.qualified(name, method));
          // Ambiguous (an undeclared field, a project package): both readings, the package one first.
          if (!variables.contains(name)) return List.of(ApiName.qualified(name, method), ApiName.anyReceiver(method));
          return ApiName.onUnknownReceiver(name, method);
        }
        String receiver = "selector_expression".equals(type(operand)) ? src.text(field(operand, "field")) : null;
        return ApiName.onUnknownReceiver(receiver, method);
      }
      default -> {
        return List.of();
      }
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
  }
}
