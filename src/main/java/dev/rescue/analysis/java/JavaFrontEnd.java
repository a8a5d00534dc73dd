package dev.rescue.analysis.java;

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
 * Java on tree-sitter-java. A method comes alone, out of its class: tree-sitter-java accepts a
 * method declaration at the top of a program, and when the bare text does not parse cleanly the
 * text is parsed again inside a class wrapper opened on its first line (so line numbers do not
 * move); the parse with fewer error nodes wins. Text without a method (a fragment, a lone statement)
 * is modelled as its top-level statements. See {@link JavaReceiverTypes} for how calls are named
 * and {@link JavaStatements} for the statement conventions.
 */
public final class JavaFrontEnd implements LanguageFrontEnd {
  /** Opened on the first line, so line numbers do not move. */
  private static final List<String> WRAPPERS = List.of("class RescueWrapper { ");
  private static final Set<String> FUNCTIONS = Set.of("method_declaration", "constructor_declaration");

  @Override
  public Language language() {
    return Language.JAVA;
  }

  @Override
  public FunctionModel function(String source) {
    try (TreeSitterSource src = parse(source)) {
      return LineClamp.clamp(model(src), LineClamp.lineCount(source));
    }
  }

  private static FunctionModel model(TreeSitterSource src) {
    JavaReceiverTypes types = new JavaReceiverTypes(src, src.root());
    JavaStatements statements = new JavaStatements(src, types);
    TSNode fn = firstFunction(src.root());
    if (fn == null) {
      return new FunctionModel(Language.JAVA, "", 0, 0, src.lineCount(), Set.of(),
          TreeSitterDraft.build(statements.body(src.root(), 0), Set.of()), src.hasErrors());
    }
    TSNode body = field(fn, "body");
    Set<String> params = new LinkedHashSet<>();
    TSNode paramList = field(fn, "parameters");
    for (TSNode p : TreeSitterNodes.namedChildren(paramList)) {
      TSNode name = field(p, "name");
      if (name == null) {
        TSNode d = TreeSitterNodes.firstDescendant(p, c -> "variable_declarator".equals(c.getType()));
        name = field(d, "name");
      }
      if (name != null) params.add(src.text(name));
    }
    int start = src.startLine(fn);
    int bodyStart = body == null ? src.endLine(fn) : src.startLine(body);
    List<Statement> stmts = body == null ? List.of() : TreeSitterDraft.build(statements.body(body, 0), params);
    return new FunctionModel(Language.JAVA, src.text(field(fn, "name")), start, bodyStart,
        Math.max(bodyStart, src.endLine(fn)), params, stmts, src.hasErrors());
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
    JavaReceiverTypes types = new JavaReceiverTypes(src, src.root());
    CallSiteCollector out = new CallSiteCollector(src, CallSiteCollector.wrapperShift(src, code, WRAPPERS));
    TreeSitterNodes.walk(src.root(), n -> {
      switch (n.getType()) {
        case "method_invocation" -> out.add(n, types.invocationNames(n));
        case "object_creation_expression" -> out.add(n, types.creationNames(n));
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

  /** The bare parse, or the wrapped one when it has fewer error nodes (a bare method parses in it). */
  private static TreeSitterSource parse(String code) {
    return TreeSitterParsers.parseBestWrapped(TreeSitterGrammar.JAVA, code, WRAPPERS);
  }

  /** The first method or constructor in pre-order (inside the wrapper class, if any). */
  private static TSNode firstFunction(TSNode root) {
    return TreeSitterNodes.firstDescendant(root, n -> FUNCTIONS.contains(n.getType()));
  }
}
