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
      if (!rule.cwes().contains(cwe)) continue;
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
    for (ScopedCall sc : callsOnLine().getOrDefault(site.line(), List.of())) {
      Scope s = sc.scope();
      TSNode c = sc.call();
      if (Syntax.lastName(Syntax.callee(c, src)).equals(Syntax.lastName(site.api()))) {
        if (in == null || s.node.getStartByte() >= in.node.getStartByte()) {
          call = c;
          in = s;
        }
      }
    }
    if (call == null) return CallShape.UNKNOWN;
    List<TSNode> args = new ArrayList<>(namedChildren(TreeSitterNodes.field(call, "arguments")));
    args.removeIf(a -> "comment".equals(a.getType()));
    boolean constant = true;
    for (TSNode a : args) constant &= Syntax.constant(a, src);
    // strcpy(dst, src) reads src; dst is what it writes
    List<TSNode> read = new ArrayList<>(args);
    if (!read.isEmpty() && rules.writesFirstArgument().contains(Syntax.lastName(Syntax.callee(call, src)))) read.remove(0);
    Scope.Taint plain = in.new Taint(rules.sources(), c -> false, c -> false, rules.writesFirstArgument());
    Set<String> untrustedVars = new HashSet<>();
    boolean untrusted = false;
    for (TSNode a : read) {
      if (plain.carries(a)) {
        untrusted = true;
        for (String v : in.identifiers(a)) if (plain.tainted.contains(v)) untrustedVars.add(v);
      }
    }
    boolean guarded = untrusted && !untrustedVars.isEmpty() && in.checked().containsAll(untrustedVars)
        || untrusted && resultChecked(call, in);
    List<TSNode> positional = Syntax.positional(call);
    boolean list = !positional.isEmpty() && Set.of("list", "array", "tuple").contains(positional.get(0).getType());
    return new CallShape(constant, untrusted, guarded, list);
  }

  /** Whether the call's result is assigned to a variable that a condition tests ({@code i = atoi(s); if (i < 0 ...)}). */
  private boolean resultChecked(TSNode call, Scope in) {
    Set<String> tested = new HashSet<>();
    for (TSNode c : in.conditions) tested.addAll(in.identifiers(c));
    for (Scope.Assignment a : in.assignments) {
      TSNode v = Scope.unwrap(a.value());
      if (v != null && v.getStartByte() == call.getStartByte() && v.getEndByte() == call.getEndByte()
          && !a.targets().isEmpty() && tested.containsAll(a.targets())) {
        return true;
      }
    }
    return false;
  }

  private record ScopedCall(Scope scope, TSNode call) {}

  private Map<Integer, List<ScopedCall>> callsOnLine;

  /** Each scope's calls by the line they start on (scope, call), built on first use: a big file has many sites. */
  private Map<Integer, List<ScopedCall>> callsOnLine() {
    if (callsOnLine == null) {
      callsOnLine = new HashMap<>();
      for (Scope s : scopes) {
        for (TSNode c : s.calls) callsOnLine.computeIfAbsent(src.startLine(c), k -> new ArrayList<>()).add(new ScopedCall(s, c));
      }
    }
    return callsOnLine;
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
    if (sink.names() != null && !named(checked, sink.names(), scope)) return false;
    if (sink.notLiteral() && (checked.isEmpty() || checked.stream().allMatch(a -> Syntax.constant(a, src)))) return false;
    if (!sink.tainted()) return true;
    Scope.Taint t = taint(scope, rule);
    for (TSNode a : checked) {
      if (t.carries(a) && (!sink.built() || built(a, t, scope))) return true;
    }
    return false;
  }

  /** Whether a variable among the arguments, or one they were computed from (three steps back), has a matching name. */
  private boolean named(List<TSNode> args, Pattern names, Scope scope) {
    List<TSNode> todo = new ArrayList<>(args);
    Set<String> followed = new HashSet<>();
    for (int depth = 0; depth < 3 && !todo.isEmpty(); depth++) {
      List<TSNode> next = new ArrayList<>();
      for (TSNode a : todo) {
        for (String v : scope.identifiers(a)) {
          if (names.matcher(v).find()) return true;
          if (!followed.add(v)) continue;
          for (Scope.Assignment as : scope.assignments) if (as.targets().contains(v)) next.add(as.value());
        }
        // x.password, obj["password"]: a field or key named so
        boolean[] hit = {false};
        TreeSitterNodes.walk(a, n -> {
          String t = n.getType();
          if ((t.equals("field_identifier") || t.equals("property_identifier") || Syntax.STRINGS.contains(t))
              && names.matcher(Syntax.stringValue(n, src)).find()) hit[0] = true;
          return !hit[0];
        });
        if (hit[0]) return true;
      }
      todo = next;
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
                && scope.identifiers(args.get(0)).contains(v) && appends(args, taint)) {
              return true;
            }
          }
        }
      }
      todo = next;
    }
    return false;
  }

  /**
   * Whether a C call that writes into its first argument puts untrusted data after a leading
   * piece: {@code strcat(dst, x)}, or a value of {@code sprintf(dst, "ls %s", x)} that the format
   * does not start with.
   */
  private boolean appends(List<TSNode> args, Scope.Taint taint) {
    int format = -1;
    for (int i = 1; i < args.size(); i++) {
      if (Syntax.STRINGS.contains(args.get(i).getType())) {
        format = i;
        break;
      }
    }
    if (format < 0) return taint.carries(args.get(args.size() - 1));
    int from = format + 1;
    if (Syntax.stringValue(args.get(format), src).startsWith("%")) from++;
    for (int i = from; i < args.size(); i++) if (taint.carries(args.get(i))) return true;
    return false;
  }

  /** Builders whose first argument is the base the rest is joined to (a folder, a URL). */
  private static final Set<String> JOINERS = Set.of("join", "Join", "resolve", "Path");

  /**
   * Whether untrusted data is built in here, after a leading piece: a path's base, a string's
   * first piece, chosen by the caller as a whole, is no injection; what is joined, appended or
   * interpolated after it is.
   */
  private boolean buildsHere(TSNode expr, Scope.Taint taint) {
    boolean[] hit = {false};
    TreeSitterNodes.walk(expr, n -> {
      if (hit[0] || Syntax.FUNCTIONS.contains(n.getType())) return false;
      String t = n.getType();
      if (t.equals("binary_expression") || t.equals("binary_operator")) {
        hit[0] = taint.carries(TreeSitterNodes.field(n, "right"));
      } else if (Syntax.STRINGS.contains(t) && !Syntax.constant(n, src)) {
        List<TSNode> parts = namedChildren(n);
        for (int i = 0; i < parts.size() && !hit[0]; i++) {
          TSNode p = parts.get(i);
          boolean leading = i == 0 || i == 1 && "string_start".equals(parts.get(0).getType());
          if (!leading && Set.of("interpolation", "template_substitution").contains(p.getType())) hit[0] = taint.carries(p);
        }
      } else if (Syntax.CALLS.contains(t)) {
        String name = Syntax.lastName(Syntax.callee(n, src));
        if (BUILDERS.contains(name)) {
          List<TSNode> args = Syntax.positional(n);
          int from = JOINERS.contains(name) ? 1 : 0;
          for (int i = from; i < args.size() && !hit[0]; i++) hit[0] = taint.carries(args.get(i));
          if (!hit[0] && "format".equals(name)) hit[0] = taint.carries(n); // "...{}".format(x): x after the text
        }
      }
      return !hit[0];
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
