package dev.rescue.analysis.c;

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
 * What C and C++ share: the C++ grammar extends the C one, so one reading of statements,
 * declarations and calls serves both (C never produces the C++-only node types). {@link CFrontEnd}
 * and {@code CppFrontEnd} only pick the grammar.
 *
 * <p>Functions often start with macros the parser cannot know ({@code PHYSICALPATH_FUNC(name) {},
 * {@code static int __init f(void)}); tree-sitter still finds a function definition in most such
 * cases, with the macro read as a type or an ERROR node. API calls are every call in the text:
 * plain functions ({@code strcpy}), qualified ones ({@code std::system}, template arguments
 * dropped), and for member calls both {@code .method} and {@code receiver.method} (the last name of
 * the receiver, {@code ->} written as {@code .}; see {@link ApiName}).
 */
public abstract class CFamilyFrontEnd implements LanguageFrontEnd {
  private final TreeSitterGrammar grammar;

  protected CFamilyFrontEnd(TreeSitterGrammar grammar) {
    this.grammar = grammar;
  }

  @Override
  public final Language language() {
    return grammar.language();
  }

  /**
   * Parses a function, trying the {@link CMacroRepair} rewrite when the text has errors,
   * and keeping whichever version leaves fewer bytes in error. Line numbers are unchanged.
   */
  private TreeSitterSource parseRepaired(String source) {
    TreeSitterSource plain = TreeSitterParsers.parse(grammar, source);
    if (!plain.hasErrors() || source == null) return plain;
    String fixed = CMacroRepair.repair(TreeSitterSource.sanitize(source), grammar == TreeSitterGrammar.CPP);
    if (fixed.equals(plain.text())) return plain;
    TreeSitterSource repaired = TreeSitterParsers.parse(grammar, fixed);
    if (errorBytes(repaired) < errorBytes(plain)) {
      plain.close();
      return repaired;
    }
    repaired.close();
    return plain;
  }

  private static long errorBytes(TreeSitterSource src) {
    if (!src.hasErrors()) return 0;
    long[] total = {0};
    TreeSitterNodes.walk(src.root(), n -> {
      if (n.isError() || n.isMissing()) {
        total[0] += Math.max(1, n.getEndByte() - n.getStartByte());
        return false;
      }
      return n.hasError();
    });
    return Math.max(1, total[0]);
  }

  @Override
  public final FunctionModel function(String source) {
    try (TreeSitterSource src = parseRepaired(source)) {
      CFamilyStatements statements = new CFamilyStatements(src);
      TSNode fn = TreeSitterNodes.firstDescendant(src.root(), n -> isFunction(n));
      if (fn == null) {
        List<TreeSitterDraft> drafts = statements.body(src.root(), 0);
        return new FunctionModel(language(), "", 0, 0, src.lineCount(), Set.of(),
            TreeSitterDraft.build(drafts, Set.of()), src.hasErrors());
      }
      TSNode outer = fn;
      while ("template_declaration".equals(type(outer.getParent()))) outer = outer.getParent();
      TSNode body = field(fn, "body");
      TSNode declarator = field(fn, "declarator");
      Set<String> params = parameters(declarator, src);
      int sigStart = src.startLine(outer);
      int sigEnd = isPresent(body) ? src.startLine(body) : src.endLine(fn);
      return new FunctionModel(language(), functionName(declarator, src), sigStart, sigEnd,
          Math.max(sigEnd, src.endLine(fn)), params,
          TreeSitterDraft.build(statements.body(body, 0), params), src.hasErrors());
    }
  }

  private static boolean isFunction(TSNode n) {
    return "function_definition".equals(n.getType()) && isPresent(field(n, "body"))
        && "compound_statement".equals(type(field(n, "body")));
  }

  @Override
  public final Set<String> apiCalls(String code) {
    try (TreeSitterSource src = TreeSitterParsers.parse(grammar, code)) {
      return calls(src).names();
    }
  }

  @Override
  public final List<CallSite> apiCallSites(String code) {
    try (TreeSitterSource src = TreeSitterParsers.parse(grammar, code)) {
      return calls(src).sites();
    }
  }

  private static CallSiteCollector calls(TreeSitterSource src) {
    CallSiteCollector out = new CallSiteCollector(src, 0);
    CFamilyDataFlow flow = new CFamilyDataFlow(src);
    TreeSitterNodes.walk(src.root(), n -> {
      String t = n.getType();
      if ("call_expression".equals(t)) {
        Set<String> apis = new LinkedHashSet<>();
        addApi(field(n, "function"), flow, src, apis);
        out.add(n, apis);
      } else if ("ERROR".equals(t)) {
        for (TSNode k : namedChildren(n)) {
          if (opensUnfinishedCall(k)) {
            Set<String> apis = new LinkedHashSet<>();
            addApi(k, flow, src, apis);
            out.add(k, apis);
          }
        }
      }
      return true;
    });
    return out;
  }

  /** True when the code parses without error nodes, after the same macro repairs as {@link #function}. */
  @Override
  public final boolean parsesCleanly(String code) {
    try (TreeSitterSource src = parseRepaired(code)) {
      return !src.hasErrors();
    }
  }

  private static void addApi(TSNode fn, CFamilyDataFlow flow, TreeSitterSource src, Set<String> apis) {
    switch (type(fn)) {
      case "identifier" -> apis.add(src.text(fn));
      case "qualified_identifier", "template_function" -> apis.add(flow.qualifiedName(fn));
      case "field_expression" -> {
        TSNode f = field(fn, "field");
        if (!isPresent(f)) return;
        apis.addAll(ApiName.onUnknownReceiver(flow.receiverName(field(fn, "argument")), flow.qualifiedName(f)));
      }
      default -> { }
    }
  }

  /** The declared name of a function: {@code f}, {@code Foo::bar}, {@code operator==}. */
  private static String functionName(TSNode declarator, TreeSitterSource src) {
    TSNode cur = declarator;
    while (isPresent(cur)) {
      switch (cur.getType()) {
        case "function_declarator", "pointer_declarator", "reference_declarator",
            "attributed_declarator" -> {
          TSNode inner = field(cur, "declarator");
          if (!isPresent(inner) && cur.getNamedChildCount() > 0) inner = cur.getNamedChild(0);
          cur = inner;
        }
        case "parenthesized_declarator" -> cur = cur.getNamedChildCount() > 0
            ? cur.getNamedChild(0) : null;
        default -> {
          return src.text(cur).replaceAll("\\s+", "");
        }
      }
    }
    return "";
  }

  /** The parameter names of the function declarator (none for a macro-made signature). */
  private static Set<String> parameters(TSNode declarator, TreeSitterSource src) {
    Set<String> out = new LinkedHashSet<>();
    TSNode fd = TreeSitterNodes.firstDescendant(declarator,
        n -> "function_declarator".equals(n.getType()));
    if (fd == null) return out;
    CFamilyDataFlow flow = new CFamilyDataFlow(src);
    for (TSNode p : namedChildren(field(fd, "parameters"))) {
      TreeSitterDraft scratch = TreeSitterDraft.scratch();
      flow.declarator(field(p, "declarator"), scratch);
      out.addAll(scratch.defs());
    }
    return out;
  }
}
