package dev.rescue.analysis.go;

import static dev.rescue.analysis.TreeSitterNodes.field;

import dev.rescue.analysis.ApiName;
import dev.rescue.analysis.CallSite;
import dev.rescue.analysis.CallSiteCollector;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.LineClamp;
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
 * Go on tree-sitter-go. A function or method comes alone, without its package clause: the Go
 * grammar accepts top-level declarations and statements without one, so the text is parsed as is.
 * The function of a text is its first function or method declaration (a function literal when the
 * text starts with one); text without one is modelled as its top-level statements. The receiver of
 * a method counts as a parameter. See {@link GoPackages} for how calls are named and {@link
 * GoStatements} for the statement conventions.
 */
public final class GoFrontEnd implements LanguageFrontEnd {

  @Override
  public Language language() {
    return Language.GO;
  }

  @Override
  public FunctionModel function(String source) {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.GO, source == null ? "" : source)) {
      return LineClamp.clamp(model(src), LineClamp.lineCount(source));
    }
  }

  private static FunctionModel model(TreeSitterSource src) {
    GoPackages packages = new GoPackages(src);
    GoStatements statements = new GoStatements(src, packages);
    TSNode fn = theFunction(src.root());
    if (fn == null) {
      return new FunctionModel(Language.GO, "", 0, 0, src.lineCount(), Set.of(),
          TreeSitterDraft.build(statements.body(src.root(), 0), Set.of()), src.hasErrors());
    }
    GoDataFlow flow = new GoDataFlow(src, packages);
    TreeSitterDraft params = TreeSitterDraft.scratch();
    flow.add(field(fn, "receiver"), GoDataFlow.DEF, Set.of(), params);
    flow.add(field(fn, "parameters"), GoDataFlow.DEF, Set.of(), params);
    TSNode body = field(fn, "body");
    int start = src.startLine(fn);
    int bodyStart = body == null ? src.endLine(fn) : src.startLine(body);
    List<Statement> stmts = TreeSitterDraft.build(statements.body(body, 0), params.defs());
    TSNode name = field(fn, "name");
    return new FunctionModel(Language.GO, name == null ? "(anonymous)" : src.text(name), start, bodyStart,
        Math.max(bodyStart, src.endLine(fn)), params.defs(), stmts, src.hasErrors());
  }

  @Override
  public Set<String> apiCalls(String code) {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.GO, code == null ? "" : code)) {
      Set<String> out = new LinkedHashSet<>(calls(src).names());
      out.removeIf(ApiName::isBlank);
      return out;
    }
  }

  @Override
  public List<CallSite> apiCallSites(String code) {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.GO, code == null ? "" : code)) {
      return calls(src).sites();
    }
  }

  private static CallSiteCollector calls(TreeSitterSource src) {
    GoPackages packages = new GoPackages(src);
    CallSiteCollector out = new CallSiteCollector(src, 0);
    TreeSitterNodes.walk(src.root(), n -> {
      if ("call_expression".equals(n.getType())) out.add(n, packages.callNames(n));
      return true;
    });
    return out;
  }

  @Override
  public boolean parsesCleanly(String code) {
    try (TreeSitterSource src = TreeSitterParsers.parse(TreeSitterGrammar.GO, code == null ? "" : code)) {
      return !src.hasErrors();
    }
  }

  /** The first function or method declaration; a function literal only when it opens the text. */
  private static TSNode theFunction(TSNode root) {
    for (TSNode top : TreeSitterNodes.namedChildren(root)) {
      String t = top.getType();
      if ("comment".equals(t) || "package_clause".equals(t) || "import_declaration".equals(t)) continue;
      if ("function_declaration".equals(t) || "method_declaration".equals(t)) return top;
      TSNode fn = TreeSitterNodes.firstDescendant(top, n -> "function_declaration".equals(n.getType())
          || "method_declaration".equals(n.getType()) || "func_literal".equals(n.getType()));
      if (fn != null && src(fn, top)) return fn;
      return null;
    }
    return null;
  }

  /** A literal opening its top-level statement (the whole text is the function). */
  private static boolean src(TSNode fn, TSNode top) {
    return fn.getStartByte() == top.getStartByte() || "ERROR".equals(top.getType());
  }
}
