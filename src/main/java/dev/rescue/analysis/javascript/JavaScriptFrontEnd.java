package dev.rescue.analysis.javascript;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.CallSite;
import dev.rescue.analysis.CallSiteCollector;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.LineClamp;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
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
 * JavaScript (and JSX) on tree-sitter-javascript.
 *
 * <p>The function of a text is the first function, method or arrow function in it, unless some
 * other top-level statement (not a comment or an import) comes before the one holding it: then the
 * text is a fragment modelled as its top-level statements. A method out of its class
 * ({@code async load(id) {..}}) or an object property ({@code init: function(settings) {..}})
 * does not parse alone; when the bare text has errors it is parsed again inside a class wrapper,
 * then an object literal wrapper, each opened on its first line (line numbers do not move), and
 * the parse with the fewest error nodes wins. An anonymous function is named {@code (anonymous)}; an arrow
 * function with an expression body has that expression as a single RETURN statement. See {@link
 * JsModules} for how calls are named and {@link JsStatements} for the statement conventions.
 */
public final class JavaScriptFrontEnd implements LanguageFrontEnd {
  /** Opened on the first line, so line numbers do not move: for a method, for an object property. */
  private static final List<String> WRAPPERS = List.of("class RescueWrapper { ", "RescueWrapper = { ");

  @Override
  public Language language() {
    return Language.JAVASCRIPT;
  }

  @Override
  public FunctionModel function(String source) {
    try (TreeSitterSource src = parse(source)) {
      return LineClamp.clamp(model(src), LineClamp.lineCount(source));
    }
  }

  private static FunctionModel model(TreeSitterSource src) {
    JsModules modules = new JsModules(src);
    JsStatements statements = new JsStatements(src, modules);
    TSNode fn = theFunction(src.root());
    if (fn == null) {
      return new FunctionModel(Language.JAVASCRIPT, "", 0, 0, src.lineCount(), Set.of(),
          TreeSitterDraft.build(statements.body(src.root(), 0), Set.of()), src.hasErrors());
    }
    TreeSitterDraft params = TreeSitterDraft.scratch();
    new JsDataFlow(src, modules).add(JsStatements.parameters(fn), JsDataFlow.DEF, Set.of(), params);
    TSNode body = field(fn, "body");
    int start = src.startLine(fn);
    int bodyStart = body == null ? src.endLine(fn) : src.startLine(body);
    int end = Math.max(bodyStart, src.endLine(fn));
    List<TreeSitterDraft> drafts;
    if (body == null) {
      drafts = List.of();
    } else if ("statement_block".equals(body.getType())) {
      drafts = statements.body(body, 0);
    } else {
      TreeSitterDraft expr = statements.withCallbacks(body, 0);
      if (expr.kind() == StatementKind.SIMPLE) expr.kind(StatementKind.RETURN); // an expression body is returned
      drafts = List.of(expr);
    }
    List<Statement> stmts = TreeSitterDraft.build(drafts, params.defs());
    return new FunctionModel(Language.JAVASCRIPT, name(fn, src), start, bodyStart, end, params.defs(), stmts,
        src.hasErrors());
  }

  @Override
  public Set<String> apiCalls(String code) {
    try (TreeSitterSource src = parse(code)) {
      Set<String> out = new LinkedHashSet<>(calls(src, code).names());
      out.removeIf(ApiName::isBlank);
      return out;
    }
  }

  @Override
  public List<CallSite> apiCallSites(String code) {
    try (TreeSitterSource src = parse(code)) {
      return calls(src, code).sites();
    }
  }

  private static CallSiteCollector calls(TreeSitterSource src, String code) {
    JsModules modules = new JsModules(src);
    CallSiteCollector out = new CallSiteCollector(src, CallSiteCollector.wrapperShift(src, code, WRAPPERS));
    TreeSitterNodes.walk(src.root(), n -> {
      switch (n.getType()) {
        case "call_expression" -> out.add(n, modules.callNames(n));
        case "new_expression" -> out.add(n, modules.newNames(n));
        default -> { }
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

  /** The bare parse, or the wrapped one with the fewest error nodes. */
  private static TreeSitterSource parse(String code) {
    return TreeSitterParsers.parseBestWrapped(TreeSitterGrammar.JAVASCRIPT, code, WRAPPERS);
  }

  /** The first function, unless a top-level statement that holds none comes before it. */
  private static TSNode theFunction(TSNode root) {
    for (TSNode top : TreeSitterNodes.namedChildren(root)) {
      String t = top.getType();
      if ("comment".equals(t) || "import_statement".equals(t) || "hash_bang_line".equals(t)) continue;
      TSNode fn = TreeSitterNodes.firstDescendant(top, n -> JsStatements.FUNCTIONS.contains(n.getType()));
      if (fn != null || !"ERROR".equals(t) || top.getNamedChildCount() > 0) return fn;
    }
    return null;
  }

  private static String name(TSNode fn, TreeSitterSource src) {
    TSNode name = field(fn, "name");
    if (name != null) return src.text(name);
    TSNode parent = fn.getParent();
    if (TreeSitterNodes.isPresent(parent) && "variable_declarator".equals(parent.getType())) {
      return src.text(field(parent, "name"));
    }
    if (TreeSitterNodes.isPresent(parent) && "pair".equals(parent.getType())) {
      return src.text(field(parent, "key"));
    }
    return "(anonymous)";
  }
}
