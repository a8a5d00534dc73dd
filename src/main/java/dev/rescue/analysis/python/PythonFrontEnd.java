package dev.rescue.analysis.python;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;
import static dev.rescue.analysis.TreeSitterNodes.opensUnfinishedCall;
import static dev.rescue.analysis.TreeSitterNodes.type;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.CallSite;
import dev.rescue.analysis.CallSiteCollector;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.TreeSitterDraft;
import dev.rescue.analysis.TreeSitterGrammar;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterParsers;
import dev.rescue.analysis.TreeSitterSource;
import dev.rescue.model.Language;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Python on tree-sitter-python.
 *
 * <p>Methods come out of their class still indented; the text is dedented (by the indentation of
 * its first non-blank line) before parsing, which keeps every line number. Decorators belong to the
 * signature. API calls are qualified through the imports found anywhere in the text; a method call
 * on a receiver that is not an import gives {@code .method} and {@code receiver.method} (the last
 * name of the receiver: {@code self.cursor.execute} gives {@code cursor.execute}; see {@link
 * ApiName}).
 */
public final class PythonFrontEnd implements LanguageFrontEnd {

  @Override
  public Language language() {
    return Language.PYTHON;
  }

  @Override
  public FunctionModel function(String source) {
    try (TreeSitterSource src = parse(source)) {
      PythonStatements statements = new PythonStatements(src);
      TSNode fn = TreeSitterNodes.firstDescendant(src.root(),
          n -> "function_definition".equals(n.getType()));
      if (fn == null) {
        List<TreeSitterDraft> drafts = statements.block(src.root(), 0);
        List<Statement> body = TreeSitterDraft.build(drafts, Set.of());
        return new FunctionModel(Language.PYTHON, "", 0, 0, Math.max(0, src.lineCount()), Set.of(),
            body, src.hasErrors());
      }
      TSNode outer = "decorated_definition".equals(type(fn.getParent())) ? fn.getParent() : fn;
      TSNode body = field(fn, "body");
      Set<String> params = parameters(field(fn, "parameters"), src);
      List<TreeSitterDraft> drafts = statements.block(body, 0);
      int sigStart = src.startLine(outer);
      int sigEnd = signatureEnd(fn, body, src);
      int end = Math.max(sigEnd, src.endLine(fn));
      return new FunctionModel(Language.PYTHON, src.text(field(fn, "name")), sigStart, sigEnd, end,
          params, TreeSitterDraft.build(drafts, params), src.hasErrors());
    }
  }

  @Override
  public Set<String> apiCalls(String code) {
    try (TreeSitterSource src = parse(code)) {
      return calls(src).names();
    }
  }

  @Override
  public List<CallSite> apiCallSites(String code) {
    try (TreeSitterSource src = parse(code)) {
      return calls(src).sites();
    }
  }

  private static CallSiteCollector calls(TreeSitterSource src) {
    CallSiteCollector out = new CallSiteCollector(src, 0);
    PythonImports imports = PythonImports.of(src);
    PythonDataFlow flow = new PythonDataFlow(src);
    TreeSitterNodes.walk(src.root(), n -> {
      String t = n.getType();
      if ("call".equals(t)) {
        Set<String> apis = new LinkedHashSet<>();
        addApi(field(n, "function"), flow, imports, src, apis);
        out.add(n, apis);
      } else if ("ERROR".equals(t)) {
        // Unfinished code: `yaml.load(data` leaves the callee and `(` as siblings in an ERROR.
        for (TSNode k : namedChildren(n)) {
          if (opensUnfinishedCall(k)) {
            Set<String> apis = new LinkedHashSet<>();
            addApi(k, flow, imports, src, apis);
            out.add(k, apis);
          }
        }
      }
      return true;
    });
    return out;
  }

  @Override
  public boolean parsesCleanly(String code) {
    try (TreeSitterSource src = parse(code)) {
      return !src.hasErrors();
    }
  }

  private static void addApi(TSNode fn, PythonDataFlow flow, PythonImports imports,
      TreeSitterSource src, Set<String> apis) {
    String t = type(fn);
    if (!"identifier".equals(t) && !"attribute".equals(t)) return;
    String dotted = flow.dottedName(fn);
    String qualified = imports.qualify(dotted);
    if (qualified != null) {
      apis.add(qualified);
      return;
    }
    if ("identifier".equals(t)) {
      apis.add(dotted);
      return;
    }
    TSNode attr = field(fn, "attribute");
    if (!isPresent(attr)) return;
    TSNode receiver = field(fn, "object");
    String rt = type(receiver);
    String last = null; // the receiver's last name
    if ("identifier".equals(rt)) {
      last = src.text(receiver);
    } else if ("attribute".equals(rt) && isPresent(field(receiver, "attribute"))) {
      last = src.text(field(receiver, "attribute"));
    }
    apis.addAll(ApiName.onUnknownReceiver(last, src.text(attr)));
  }

  private static int signatureEnd(TSNode fn, TSNode body, TreeSitterSource src) {
    int line = src.startLine(fn);
    int bodyStart = isPresent(body) ? body.getStartByte() : Integer.MAX_VALUE;
    for (int i = 0; i < fn.getChildCount(); i++) {
      TSNode k = fn.getChild(i);
      if (k.getStartByte() >= bodyStart) break;
      if (!k.isNamed() && ":".equals(k.getType())) line = src.startLine(k);
    }
    return line;
  }

  private static Set<String> parameters(TSNode params, TreeSitterSource src) {
    Set<String> out = new LinkedHashSet<>();
    for (TSNode p : namedChildren(params)) {
      String n = parameterName(p, src);
      if (n != null) out.add(n);
    }
    return out;
  }

  /** The name a parameter node binds ({@code x}, {@code x=1}, {@code x: int}, {@code *args}), or null. */
  static String parameterName(TSNode p, TreeSitterSource src) {
    switch (type(p)) {
      case "identifier":
        return src.text(p);
      case "default_parameter":
      case "typed_default_parameter":
        TSNode name = field(p, "name");
        return isPresent(name) ? src.text(name) : null;
      case "typed_parameter":
      case "list_splat_pattern":
      case "dictionary_splat_pattern":
        for (TSNode k : namedChildren(p)) {
          String inner = parameterName(k, src);
          if (inner != null) return inner;
        }
        return null;
      default:
        return null;
    }
  }

  private static TreeSitterSource parse(String code) {
    return TreeSitterParsers.parse(TreeSitterGrammar.PYTHON, dedent(code == null ? "" : code));
  }

  /**
   * Removes the indentation of the first non-blank line from every line that starts with it, so
   * that a method taken out of its class parses; lines keep their numbers.
   */
  static String dedent(String code) {
    int i = 0;
    int n = code.length();
    while (i < n) {
      int lineStart = i;
      while (i < n && (code.charAt(i) == ' ' || code.charAt(i) == '\t')) i++;
      if (i < n && code.charAt(i) != '\n' && code.charAt(i) != '\r') {
        if (i == lineStart) return code;
        String indent = code.substring(lineStart, i);
        StringBuilder out = new StringBuilder(n);
        int pos = 0;
        while (pos < n) {
          int eol = code.indexOf('\n', pos);
          int next = eol < 0 ? n : eol + 1;
          if (code.startsWith(indent, pos)) pos += indent.length();
          out.append(code, pos, next);
          pos = next;
        }
        return out.toString();
      }
      while (i < n && code.charAt(i) != '\n') i++;
      i++;
    }
    return code;
  }
}
