package dev.rescue.check.flow;

import static dev.rescue.analysis.TreeSitterNodes.namedChildren;

import dev.rescue.analysis.CallSite;
import dev.rescue.analysis.TreeSitterGrammar;
import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterParsers;
import dev.rescue.analysis.TreeSitterSource;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * One unit's code parsed once, split into its functions, and read by the flow rules: the rules'
 * hits, and for any call what its arguments are made of (constants, untrusted data, guarded
 * variables), which the KB's risky-API rules weigh their findings by.
 *
 * <p>Call names come from the front-end's call sites ({@code sites}), which qualify them through
 * imports ({@code from os import system} makes {@code system(x)} {@code os.system}); a call node
 * is matched to its sites by line and last name.
 */
public final class FlowAnalysis implements AutoCloseable {
  /** One rule that holds at one call. */
  public record Hit(FlowRuleSet.Rule rule, int line, int column, String api, String message) {}

  /** What a risky call's arguments are made of. */
  public record CallShape(boolean allConstant, boolean untrusted, boolean guarded, boolean listArgv) {
    /** A call whose arguments the parse did not find: nothing is known. */
    public static final CallShape UNKNOWN = new CallShape(false, true, false, false);
  }

  private final TreeSitterSource src;
  private final FlowRuleSet.LanguageRules rules;
  private final List<Scope> scopes = new ArrayList<>();
  private final Map<Integer, Set<String>> namesByLine = new HashMap<>();
  private final Map<String, Scope.Taint> taints = new HashMap<>();
  private Scope.Taint generic;
  private Scope genericScope;

  private FlowAnalysis(TreeSitterSource src, FlowRuleSet.LanguageRules rules, List<CallSite> sites) {
    this.src = src;
    this.rules = rules;
    for (CallSite s : sites) namesByLine.computeIfAbsent(s.line(), k -> new HashSet<>()).add(s.api());
    List<TSNode> functions = new ArrayList<>();
    TreeSitterNodes.walk(src.root(), n -> {
      if (Syntax.FUNCTIONS.contains(n.getType())) functions.add(n);
      return true;
    });
    // the top level is a scope of its own (a script), without parameters
    scopes.add(new Scope(src.root(), false, src));
    for (TSNode f : functions) scopes.add(new Scope(f, true, src));
  }

  /** Parses the code; empty for a language without a grammar. Close it to free the native tree. */
  public static Optional<FlowAnalysis> of(String code, Language language, FlowRuleSet ruleSet, List<CallSite> sites) {
    return TreeSitterGrammar.of(language)
        .map(g -> new FlowAnalysis(TreeSitterParsers.parse(g, code), ruleSet.of(language), sites));
  }

  public boolean hasErrors() {
    return src.hasErrors();
  }

  /** Every rule that holds, one per rule and line. */
  public List<Hit> hits() {
    Map<String, Hit> out = new LinkedHashMap<>();
    for (Scope scope : scopes) {
      for (TSNode call : scope.calls) {
        Set<String> names = names(call);
        for (FlowRuleSet.Rule rule : rules.rules()) {
          for (FlowRuleSet.Sink sink : rule.sinks()) {
            String api = matching(sink.apis(), names);
            if (api == null || !holds(sink, call, scope, rule)) continue;
            int line = src.startLine(call);
            out.putIfAbsent(rule.id() + "|" + line, new Hit(rule, line, src.startColumn(call), api, rule.message()));
            break;
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** Whether a rule of the language has a sink among these API names (then its data flow, not the name, decides). */
  public boolean isSink(String cwe, String api) {
    for (FlowRuleSet.Rule rule : rules.rules()) {
      if (!rule.cwe().equals(cwe)) continue;
      for (FlowRuleSet.Sink s : rule.sinks()) if (s.apis().contains(api)) return true;
    }
    return false;
  }

  /**
   * The shape of the call at a site: whether its arguments are all constants, whether any carries
   * untrusted data (a parameter, a source), whether every untrusted argument is tested by a
   * condition in the function (a bounds check, a validation), whether its first argument is a
   * literal list (an argv, no shell).
   */
  public CallShape shape(CallSite site) {
    TSNode call = null;
    Scope in = null;
    // the innermost scope that holds a call starting on the site's line with the site's last name
    for (Scope s : scopes) {
      for (TSNode c : s.calls) {
        if (src.startLine(c) == site.line() && Syntax.lastName(Syntax.callee(c, src)).equals(Syntax.lastName(site.api()))) {
          if (in == null || s.node.getStartByte() >= in.node.getStartByte()) {
            call = c;
            in = s;
          }
        }
      }
    }
    if (call == null) return CallShape.UNKNOWN;
    List<TSNode> args = new ArrayList<>(namedChildren(TreeSitterNodes.field(call, "arguments")));
    args.removeIf(a -> "comment".equals(a.getType()));
    boolean constant = true;
    for (TSNode a : args) constant &= Syntax.constant(a, src);
    Scope.Taint plain = in.new Taint(rules.sources(), c -> false, c -> false, rules.writesFirstArgument());
    Set<String> untrustedVars = new HashSet<>();
    boolean untrusted = false;
    for (TSNode a : args) {
      if (plain.carries(a)) {
        untrusted = true;
        for (String v : in.identifiers(a)) if (plain.tainted.contains(v)) untrustedVars.add(v);
      }
    }
    Set<String> tested = new HashSet<>();
    for (TSNode c : in.conditions) tested.addAll(in.identifiers(c));
    boolean guarded = untrusted && !untrustedVars.isEmpty() && tested.containsAll(untrustedVars);
    List<TSNode> positional = Syntax.positional(call);
    boolean list = !positional.isEmpty() && Set.of("list", "array", "tuple").contains(positional.get(0).getType());
    return new CallShape(constant, untrusted, guarded, list);
  }

  private boolean holds(FlowRuleSet.Sink sink, TSNode call, Scope scope, FlowRuleSet.Rule rule) {
    for (var kw : sink.keywords().entrySet()) {
      TSNode v = Syntax.keyword(call, kw.getKey(), src);
      if (v == null || !kw.getValue().matcher(src.text(v)).matches()) return false;
    }
    for (var kw : sink.unlessKeywords().entrySet()) {
      TSNode v = Syntax.keyword(call, kw.getKey(), src);
      if (v != null && kw.getValue().matcher(src.text(v)).matches()) return false;
    }
    List<TSNode> args = Syntax.positional(call);
    List<TSNode> checked = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) if (sink.checksArgument(i)) checked.add(args.get(i));
    if (sink.literal() != null && !anyLiteral(checked, sink.literal(), scope)) return false;
    if (sink.intBelow() != null && !anySmallInteger(call, sink.intBelow())) return false;
    if (sink.notLiteral() && (checked.isEmpty() || checked.stream().allMatch(a -> Syntax.constant(a, src)))) return false;
    if (!sink.tainted()) return true;
    Scope.Taint t = taint(scope, rule);
    for (TSNode a : checked) {
      if (t.carries(a) && (!sink.built() || built(a, t, scope))) return true;
    }
    return false;
  }

  /** Calls that build a string or a path from their arguments. */
  private static final Set<String> BUILDERS = Set.of("join", "Join", "format", "Sprintf", "sprintf", "snprintf",
      "strcat", "strncat", "concat", "resolve", "Path", "append", "str", "String", "vsprintf", "vsnprintf");

  /**
   * Whether untrusted data is built into the argument here or where its variables were written
   * (up to three steps back): joined into a path, concatenated, formatted or interpolated into a
   * string. An argument that is an untrusted value as it came is no such building: the caller
   * chose all of it.
   */
  private boolean built(TSNode arg, Scope.Taint taint, Scope scope) {
    List<TSNode> todo = new ArrayList<>(List.of(arg));
    Set<String> followed = new HashSet<>();
    for (int depth = 0; depth < 4 && !todo.isEmpty(); depth++) {
      List<TSNode> next = new ArrayList<>();
      for (TSNode a : todo) {
        if (buildsHere(a, taint)) return true;
        for (String v : scope.identifiers(a)) {
          if (!followed.add(v)) continue;
          for (Scope.Assignment as : scope.assignments) if (as.targets().contains(v)) next.add(as.value());
          for (TSNode c : scope.calls) {
            List<TSNode> args = Syntax.positional(c);
            String name = Syntax.lastName(Syntax.callee(c, src));
            if (args.size() >= 2 && BUILDERS.contains(name) && rules.writesFirstArgument().contains(name)
                && scope.identifiers(args.get(0)).contains(v) && taint.carries(c)) {
              return true;
            }
          }
        }
      }
      todo = next;
    }
    return false;
  }

  private boolean buildsHere(TSNode expr, Scope.Taint taint) {
    boolean[] hit = {false};
    TreeSitterNodes.walk(expr, n -> {
      if (hit[0] || Syntax.FUNCTIONS.contains(n.getType())) return false;
      String t = n.getType();
      boolean building = t.equals("binary_expression") || t.equals("binary_operator")
          || (Syntax.STRINGS.contains(t) && !Syntax.constant(n, src))
          || (Syntax.CALLS.contains(t) && BUILDERS.contains(Syntax.lastName(Syntax.callee(n, src))));
      if (building && taint.carries(n)) {
        hit[0] = true;
        return false;
      }
      return true;
    });
    return hit[0];
  }

  /**
   * Whether a string literal among the arguments matches, or among the values assigned to the
   * variables they name (a command or query written into a variable first), up to three steps back.
   */
  private boolean anyLiteral(List<TSNode> args, Pattern p, Scope scope) {
    List<TSNode> todo = new ArrayList<>(args);
    Set<String> followed = new HashSet<>();
    for (int depth = 0; depth < 3 && !todo.isEmpty(); depth++) {
      if (anyLiteralIn(todo, p)) return true;
      List<TSNode> next = new ArrayList<>();
      for (TSNode a : todo) {
        for (String v : scope.identifiers(a)) {
          if (!followed.add(v)) continue;
          for (Scope.Assignment as : scope.assignments) if (as.targets().contains(v)) next.add(as.value());
        }
      }
      todo = next;
    }
    return false;
  }

  private boolean anyLiteralIn(List<TSNode> args, Pattern p) {
    for (TSNode a : args) {
      boolean[] hit = {false};
      TreeSitterNodes.walk(a, n -> {
        if (hit[0]) return false;
        if (Syntax.STRINGS.contains(n.getType())) {
          hit[0] = p.matcher(Syntax.stringValue(n, src)).find();
          return false;
        }
        return true;
      });
      if (hit[0]) return true;
    }
    return false;
  }

  /** An integer literal among the call's arguments from 128 up to below the bound: a key or digest size. */
  private boolean anySmallInteger(TSNode call, int bound) {
    boolean[] hit = {false};
    TreeSitterNodes.walk(TreeSitterNodes.field(call, "arguments"), n -> {
      if (hit[0]) return false;
      if (Syntax.INTEGERS.contains(n.getType())) {
        Long v = Syntax.integer(n, src);
        hit[0] = v != null && v >= 128 && v < bound;
      }
      return true;
    });
    return hit[0];
  }

  private Scope.Taint taint(Scope scope, FlowRuleSet.Rule rule) {
    return taints.computeIfAbsent(System.identityHashCode(scope) + "|" + rule.id(), k -> scope.new Taint(rules.sources(),
        c -> matching(rule.sanitisers(), names(c)) != null,
        c -> {
          String text = src.text(c);
          for (Pattern g : rule.guards()) if (g.matcher(text).find()) return true;
          return false;
        },
        rules.writesFirstArgument()));
  }

  /** The names a call goes by: as written, its {@code .method}, and the front-end's qualified names on its line. */
  private Set<String> names(TSNode call) {
    String callee = Syntax.callee(call, src);
    String last = Syntax.lastName(callee);
    Set<String> out = new HashSet<>();
    out.add(callee);
    out.add("." + last);
    for (String n : namesByLine.getOrDefault(src.startLine(call), Set.of())) {
      if (Syntax.lastName(n).equals(last)) out.add(n);
    }
    return out;
  }

  private static String matching(Set<String> apis, Set<String> names) {
    for (String n : names) if (apis.contains(n)) return n;
    return null;
  }

  @Override
  public void close() {
    src.close();
  }
}
