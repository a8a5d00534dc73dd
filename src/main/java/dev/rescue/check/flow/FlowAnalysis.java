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

  /**
   * What a risky call's arguments are made of.
   *
   * @param boundedOutput a C write without a size ({@code sprintf}) whose constant format bounds what it writes:
   *     numbers, and strings only with a precision or from constants
   */
  public record CallShape(boolean allConstant, boolean untrusted, boolean guarded, boolean listArgv, boolean boundedOutput) {
    /** A call whose arguments the parse did not find: nothing is known. */
    public static final CallShape UNKNOWN = new CallShape(false, true, false, false, false);
  }

  private final TreeSitterSource src;
  private final FlowRuleSet.LanguageRules rules;
  private final List<Scope> scopes = new ArrayList<>();
  private final Map<Integer, Set<String>> namesByLine = new HashMap<>();
  private final Map<String, Scope.Taint> taints = new HashMap<>();
  private final Map<Scope, Scope.Taint> plainTaints = new java.util.IdentityHashMap<>();
  private final Map<Scope, Set<String>> testedVars = new java.util.IdentityHashMap<>();
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
    for (Scope s : scopes.subList(1, scopes.size())) if (s.alwaysTrue()) vacuous.add(Syntax.lastName(Syntax.name(s.node, src)));
    vacuous.remove("");
  }

  /** The file's functions that return true whatever they are given: a check that cannot fail guards nothing. */
  private final Set<String> vacuous = new HashSet<>();

  /** A condition's text with the calls of vacuous checks taken out, for the guard patterns to read. */
  private String guardText(TSNode condition) {
    String text = src.text(condition);
    for (String v : vacuous) text = text.replaceAll("\\b" + Pattern.quote(v) + "\\s*\\(", "(");
    return text;
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
            if (sink.kind() != FlowRuleSet.Kind.CALL) continue;
            String api = matching(sink.apis(), names);
            if (api == null || !holds(sink, call, scope, rule)) continue;
            int line = src.startLine(call);
            out.putIfAbsent(rule.id() + "|" + line, new Hit(rule, line, src.startColumn(call), api, rule.message()));
            break;
          }
        }
      }
    }
    for (Scope scope : scopes) {
      for (FlowRuleSet.Rule rule : rules.rules()) {
        for (FlowRuleSet.Sink sink : rule.sinks()) {
          for (Located at : beyondCalls(sink, scope, rule)) {
            int line = src.startLine(at.node());
            out.putIfAbsent(rule.id() + "|" + line, new Hit(rule, line, src.startColumn(at.node()), at.what(), rule.message()));
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** Where a sink that is no call's argument holds: the node, and what it is for the finding's text. */
  private record Located(TSNode node, String what) {}

  private List<Located> beyondCalls(FlowRuleSet.Sink sink, Scope scope, FlowRuleSet.Rule rule) {
    List<Located> out = new ArrayList<>();
    if (!sink.entryPoint() && scope != scopes.get(0) && "main".equals(Syntax.name(scope.node, src))) return out;
    switch (sink.kind()) {
      case CALL -> { }
      case RETURN -> {
        if (sink.function() != null && !sink.function().matcher(scope.title).find()) break;
        for (TSNode r : scope.returns) {
          Scope.Taint t = taint(scope, rule);
          if (sink.tainted() && !t.carries(r)) continue;
          if (sink.built() && !built(r, t, scope)) continue;
          if (sink.parts() > 0 && untrustedPieces(r, t, scope, 0, new HashSet<>()) < sink.parts()) continue;
          out.add(new Located(r, "a returned value"));
        }
      }
      case SUBSCRIPT -> {
        Set<String> checked = scope.checked();
        Set<String> compared = scope.compared();
        for (Scope.Subscript x : scope.subscripts) {
          if (sink.written() != null && sink.written() != x.written() || Syntax.constant(x.index(), src)) continue;
          // &buf[i] computes an address and reads nothing: the call it is passed to reads or writes, and is judged there
          if (!x.written() && addressOnly(x.node())) continue;
          Scope.Taint t = taint(scope, rule);
          if (!t.carries(x.index())) continue;
          // an index the function compares or measures first is bounds-checked
          Set<String> vars = new HashSet<>(scope.identifiers(x.index()));
          vars.retainAll(t.tainted);
          // len - 1 underflows at 0: a measure is no check of it, only a comparison is
          boolean lowers = hasOperator(x.index(), "-");
          if (!vars.isEmpty() && (lowers ? compared : checked).containsAll(vars)) continue;
          if (bounded(x.index(), scope, 0) || ownCount(x, vars) || !lowers && sizedFor(x, vars, scope)) continue;
          out.add(new Located(x.node(), x.written() ? "a write through an index" : "a read through an index"));
        }
      }
      case ASSIGNMENT -> {
        for (Scope.Assignment a : scope.assignments) {
          if (a.target() == null || !writesNamed(a.target(), sink.target())) continue;
          if (sink.keyed() && !KEYED.contains(Scope.unwrap(a.target()).getType())) continue;
          if (sink.constant() && !constantData(Scope.unwrap(a.value()))) continue;
          if (sink.tainted()) {
            Scope.Taint t = taint(scope, rule);
            if (!t.carries(a.value()) || sink.built() && !built(a.value(), t, scope)) continue;
          }
          out.add(new Located(a.target(), "a write to " + src.text(a.target()).replaceAll("\\s+", " ")));
        }
      }
      case UNCHECKED_RESULT -> {
        for (Scope.Assignment a : scope.assignments) {
          TSNode v = Scope.unwrap(a.value());
          if (!Syntax.is(v, Syntax.CALLS) || a.targets().size() != 1) continue;
          String api = matching(sink.apis(), names(v));
          if (api == null) continue;
          String var = a.targets().iterator().next();
          if (testedOrAsserted(var, scope) || !usedBeyond(var, v, scope)) continue;
          if (sink.tainted() && !unboundedSize(v, scope, taint(scope, rule))) continue;
          out.add(new Located(v, api));
        }
      }
    }
    return out;
  }

  /** Whether a subscript is only the operand of {@code &} ({@code &buf[i]}, {@code &(s->a[i])}): an address taken, no memory read. */
  private boolean addressOnly(TSNode subscript) {
    TSNode up = subscript.getParent();
    while (TreeSitterNodes.isPresent(up) && "parenthesized_expression".equals(up.getType())) up = up.getParent();
    return TreeSitterNodes.isPresent(up) && "pointer_expression".equals(up.getType()) && src.text(up).startsWith("&");
  }

  /** Calls that cap a number by their other arguments: {@code MIN(i, 15)} is at most 15. */
  private static final Pattern CAPS = Pattern.compile("(?i)(^|_|ff)(min|clip|clamp)");

  /**
   * Whether an index cannot leave a range the code fixes: a constant, a value masked or reduced by a
   * constant ({@code i & 0x0F}, {@code i % 16}), capped by one ({@code MIN(i, 15)}), a sum or choice of
   * such values, or a variable every write of which is one (three steps back). A parameter, written
   * nowhere, is none.
   */
  private boolean bounded(TSNode n, Scope scope, int depth) {
    if (!TreeSitterNodes.isPresent(n) || depth > 3) return false;
    if (Syntax.constant(n, src)) return true;
    String type = n.getType();
    if ("parenthesized_expression".equals(type) || "cast_expression".equals(type)) {
      List<TSNode> kids = namedChildren(n);
      return !kids.isEmpty() && bounded(kids.get(kids.size() - 1), scope, depth);
    }
    if ("binary_expression".equals(type)) {
      String op = src.text(TreeSitterNodes.field(n, "operator"));
      TSNode left = TreeSitterNodes.field(n, "left");
      TSNode right = TreeSitterNodes.field(n, "right");
      if ("&".equals(op)) return Syntax.constant(left, src) || Syntax.constant(right, src);
      if ("%".equals(op)) return Syntax.constant(right, src);
      if (BOUNDED_OPERATORS.contains(op)) return bounded(left, scope, depth) && bounded(right, scope, depth);
      return false;
    }
    if ("conditional_expression".equals(type)) {
      List<TSNode> kids = namedChildren(n);
      return kids.size() == 3 && bounded(kids.get(1), scope, depth) && bounded(kids.get(2), scope, depth);
    }
    if (Syntax.CALLS.contains(type)) {
      if (!CAPS.matcher(Syntax.lastName(Syntax.callee(n, src))).find()) return false;
      for (TSNode a : Syntax.positional(n)) if (Syntax.constant(a, src)) return true;
      return false;
    }
    if (Syntax.IDENTIFIERS.contains(type)) {
      String v = src.text(n);
      if (scope.parameters.contains(v)) return false;
      boolean written = false;
      for (Scope.Assignment a : scope.assignments) {
        if (!a.targets().contains(v) || a.target() == null || !v.equals(src.text(a.target()))) continue;
        if (appends(a) || !bounded(a.value(), scope, depth + 1)) return false;
        written = true;
      }
      return written;
    }
    return false;
  }

  /**
   * Whether an index is its own structure's count of its own array: {@code s->buf[s->len]},
   * {@code c->names[c->cnt++]}; the structure keeps the two together (its length is what it holds).
   * An index read out of the array itself ({@code p->data[p->data[0]]}) is no such count.
   */
  private boolean ownCount(Scope.Subscript x, Set<String> vars) {
    String owner = fieldOwner(x.base());
    if (owner == null || !vars.equals(Set.of(owner))) return false;
    boolean[] ok = {true};
    TreeSitterNodes.walk(x.index(), n -> {
      if (!ok[0]) return false;
      if (FIELD_ACCESSES.contains(n.getType())) {
        if (!owner.equals(fieldOwner(n))) ok[0] = false;
        return false;
      }
      if (Syntax.IDENTIFIERS.contains(n.getType()) && owner.equals(src.text(n))) ok[0] = false; // the structure itself
      if (Scope.SUBSCRIPTS.contains(n.getType())) ok[0] = false;
      return ok[0];
    });
    return ok[0];
  }

  /** A field of an object, per grammar: {@code s->len}, {@code self.x}, {@code o.x}, {@code p.X}. */
  private static final Set<String> FIELD_ACCESSES = Set.of("field_expression", "attribute", "member_expression", "selector_expression");
  /** Operators whose result stays bounded when both operands are. */
  private static final Set<String> BOUNDED_OPERATORS = Set.of("+", "-", "*", ">>");

  /** The variable whose field a node is ({@code s} of {@code s->buf}, {@code s.a.b}), or null. */
  private String fieldOwner(TSNode n) {
    TSNode cur = n;
    while (TreeSitterNodes.isPresent(cur) && FIELD_ACCESSES.contains(cur.getType())) {
      TSNode next = TreeSitterNodes.field(cur, "argument");
      if (next == null) next = TreeSitterNodes.field(cur, "object");
      if (next == null) next = TreeSitterNodes.field(cur, "operand");
      cur = next;
    }
    return cur != n && TreeSitterNodes.isPresent(cur) && Syntax.IDENTIFIERS.contains(cur.getType()) ? src.text(cur) : null;
  }

  /**
   * Whether the indexed buffer was allocated here with room past the index: its size adds to every
   * untrusted variable of the index ({@code p = malloc(n + 1); p[n] = 0}, {@code e = malloc(sizeof *e + len + 1);
   * e->name[len] = 0}). A buffer of exactly {@code n} bytes has no {@code p[n]}.
   */
  private boolean sizedFor(Scope.Subscript x, Set<String> vars, Scope scope) {
    String owner = fieldOwner(x.base());
    if (owner == null && Syntax.IDENTIFIERS.contains(x.base().getType())) owner = src.text(x.base());
    if (owner == null) return false;
    for (Scope.Assignment a : scope.assignments) {
      TSNode v = Scope.unwrap(a.value());
      if (!a.targets().equals(Set.of(owner)) || !Syntax.is(v, Syntax.CALLS)
          || !rules.allocations().contains(Syntax.lastName(Syntax.callee(v, src)))) continue;
      for (TSNode size : Syntax.positional(v)) {
        if (scope.identifiers(size).containsAll(vars) && hasOperator(size, "+")) return true;
      }
    }
    return false;
  }

  /** Whether {@code n} holds a binary expression with operator {@code op} ({@code i - 1}, {@code n + 1}). */
  private boolean hasOperator(TSNode n, String op) {
    return TreeSitterNodes.firstDescendant(n, k -> "binary_expression".equals(k.getType())
        && op.equals(src.text(TreeSitterNodes.field(k, "operator")))) != null;
  }

  /** Whether an allocation's size carries untrusted data that no condition compares and no measure sizes. */
  private boolean unboundedSize(TSNode allocation, Scope scope, Scope.Taint t) {
    Set<String> checked = scope.checked();
    for (TSNode a : Syntax.positional(allocation)) {
      if (!t.carries(a)) continue;
      Set<String> vars = new HashSet<>(scope.identifiers(a));
      vars.retainAll(t.tainted);
      if (vars.isEmpty() || !checked.containsAll(vars)) return true;
    }
    return false;
  }

  /**
   * How many separate untrusted pieces are joined into a value: the operands of a concatenation,
   * the interpolations of a string, the arguments of a builder (format, join, sprintf into a
   * buffer), followed through the variables they name (three steps); any other call is one piece.
   * Allocations and measures carry no piece (a buffer sized for data is not data).
   */
  private int untrustedPieces(TSNode n, Scope.Taint t, Scope scope, int depth, Set<String> followed) {
    if (!TreeSitterNodes.isPresent(n) || depth > 3 || Syntax.constant(n, src)) return 0;
    String type = n.getType();
    if (Syntax.IDENTIFIERS.contains(type)) {
      String v = src.text(n);
      if (!followed.add(v)) return 0;
      // x = a in two branches is one of them; x += b appends to it
      int k = 0;
      int alternatives = 0;
      boolean written = false;
      for (Scope.Assignment a : scope.assignments) {
        if (!a.targets().contains(v)) continue;
        written = true;
        int here = untrustedPieces(a.value(), t, scope, depth + 1, followed);
        if (appends(a)) k += here;
        else alternatives = Math.max(alternatives, here);
      }
      k += alternatives;
      for (TSNode c : scope.calls) {
        List<TSNode> args = Syntax.positional(c);
        String name = Syntax.lastName(Syntax.callee(c, src));
        if (args.size() < 2 || !BUILDERS.contains(name) || !rules.writesFirstArgument().contains(name)
            || !scope.identifiers(args.get(0)).contains(v)) continue;
        written = true;
        for (TSNode a : args.subList(1, args.size())) {
          if (!Syntax.STRINGS.contains(a.getType())) k += untrustedPieces(a, t, scope, depth + 1, followed);
        }
      }
      return written ? k : t.carries(n) ? 1 : 0;
    }
    if (Syntax.CALLS.contains(type)) {
      String name = Syntax.lastName(Syntax.callee(n, src));
      if (rules.allocations().contains(name) || Scope.MEASURES.contains(name)) return 0;
      if (!BUILDERS.contains(name) && !"string".equals(name)) return t.carries(n) ? 1 : 0;
      int k = 0;
      for (TSNode a : Syntax.positional(n)) k += untrustedPieces(a, t, scope, depth, followed);
      return k;
    }
    int k = 0;
    for (TSNode c : namedChildren(n)) k += untrustedPieces(c, t, scope, depth, followed);
    return k;
  }

  /** Whether an assignment appends to what its target holds ({@code x += v}, {@code out << v}) rather than replacing it. */
  private boolean appends(Scope.Assignment a) {
    TSNode parent = a.value().getParent();
    if (!TreeSitterNodes.isPresent(parent)) return false;
    if (parent.getType().startsWith("augmented_assignment")) return true;
    if ("expression_statement".equals(parent.getType())) return true; // stream insertion: the statement is the value
    TSNode op = TreeSitterNodes.field(parent, "operator");
    return op != null && src.text(op).endsWith("=") && src.text(op).length() > 1 && !src.text(op).equals("==");
  }

  /**
   * Targets that write under a key or into a field of an object. A C or C++ struct member
   * ({@code field_expression}: {@code hdr.FileId}, {@code bin->header.size}) is none: its name is fixed when the
   * program is compiled, so it is no entry of a collection keyed at run time (an HTTP header's name).
   */
  private static final Set<String> KEYED = Set.of("subscript", "subscript_expression", "index_expression", "attribute",
      "member_expression", "selector_expression", "field_access");

  /** Whether a write's target, a field of it, or a string key it is indexed by, matches: {@code headers["X"]}, {@code self.iv}. */
  private boolean writesNamed(TSNode target, Pattern name) {
    boolean[] hit = {false};
    TreeSitterNodes.walk(target, n -> {
      if (hit[0]) return false;
      String t = n.getType();
      if (Syntax.IDENTIFIERS.contains(t) || t.equals("field_identifier") || t.equals("property_identifier")) {
        hit[0] = name.matcher(src.text(n)).find();
      } else if (Syntax.STRINGS.contains(t)) {
        hit[0] = name.matcher(Syntax.stringValue(n, src)).find();
        return false;
      }
      return !hit[0];
    });
    return hit[0];
  }

  /** Literal nodes that hold a list of values: an array, a list, an initializer, a composite literal's body. */
  private static final Set<String> AGGREGATES = Set.of("list", "tuple", "array", "initializer_list", "literal_value",
      "composite_literal", "array_creation_expression", "array_initializer", "literal_element", "concatenated_string");

  /** Calls that make bytes from constants they are given ({@code bytes([0, 1])}, {@code Buffer.from("00", "hex")}). */
  private static final Set<String> BYTE_MAKERS = Set.of("bytes", "bytearray", "from", "fromhex", "alloc", "unhexlify", "b");

  /** Whether a value is fixed in the code: a constant, or a list of constants (an IV written out byte by byte). */
  private boolean constantData(TSNode n) {
    if (!TreeSitterNodes.isPresent(n)) return false;
    if (Syntax.constant(n, src) && !"identifier".equals(n.getType())) return true;
    String t = n.getType();
    if (AGGREGATES.contains(t)) {
      TSNode body = TreeSitterNodes.field(n, "body");
      List<TSNode> kids = namedChildren(body != null ? body : n);
      kids.removeIf(k -> "comment".equals(k.getType()) || k.getType().endsWith("type") || "type_identifier".equals(k.getType()));
      if (kids.isEmpty()) return false;
      for (TSNode k : kids) if (!constantData(k)) return false;
      return true;
    }
    if (Syntax.CALLS.contains(t) && BYTE_MAKERS.contains(Syntax.lastName(Syntax.callee(n, src)))) {
      List<TSNode> args = Syntax.positional(n);
      if (args.isEmpty()) return false;
      for (TSNode a : args) if (!constantData(a)) return false;
      return true;
    }
    return false;
  }

  /** Whether a condition (or an assert) in the scope tests the variable: {@code if (!p)}, {@code p == NULL}, {@code assert(p)}. */
  private boolean testedOrAsserted(String var, Scope scope) {
    for (TSNode c : scope.conditions) if (scope.identifiers(c).contains(var)) return true;
    for (TSNode c : scope.calls) {
      if (Syntax.lastName(Syntax.callee(c, src)).contains("assert") && scope.identifiers(TreeSitterNodes.field(c, "arguments")).contains(var)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the variable is used past its allocation: passed to another call (but free), indexed,
   * or dereferenced. One only returned is the caller's to check.
   */
  private boolean usedBeyond(String var, TSNode allocation, Scope scope) {
    for (TSNode c : scope.calls) {
      if (c.getStartByte() == allocation.getStartByte()) continue;
      String name = Syntax.lastName(Syntax.callee(c, src));
      if (name.equals("free")) continue;
      for (TSNode a : Syntax.positional(c)) if (scope.identifiers(a).contains(var)) return true;
    }
    for (Scope.Subscript x : scope.subscripts) if (scope.identifiers(x.base()).contains(var)) return true;
    boolean[] hit = {false};
    TreeSitterNodes.walk(scope.node, n -> {
      if (hit[0]) return false;
      String t = n.getType();
      // *p and p->f dereference p (&p and s.f do not)
      if ("pointer_expression".equals(t) && src.text(n).startsWith("*") || "field_expression".equals(t) && src.text(n).contains("->")) {
        TSNode base = TreeSitterNodes.field(n, "argument");
        if (base != null && Syntax.IDENTIFIERS.contains(base.getType()) && src.text(base).equals(var)) hit[0] = true;
      }
      return !hit[0];
    });
    return hit[0];
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
    ScopedCall at = locate(site);
    if (at == null) return CallShape.UNKNOWN;
    TSNode call = at.call();
    Scope in = at.scope();
    List<TSNode> args = new ArrayList<>(namedChildren(TreeSitterNodes.field(call, "arguments")));
    args.removeIf(a -> "comment".equals(a.getType()));
    boolean constant = true;
    for (TSNode a : args) constant &= Syntax.constant(a, src);
    // strcpy(dst, src) reads src; dst is what it writes
    List<TSNode> read = new ArrayList<>(args);
    if (!read.isEmpty() && rules.writesFirstArgument().contains(Syntax.lastName(Syntax.callee(call, src)))) read.remove(0);
    // one plain taint (no sanitiser, no guard) per scope: a big file asks it for every call
    Scope.Taint plain = plainTaints.computeIfAbsent(in, s -> s.new Taint(rules.sources(), c -> false, c -> false, rules.writesFirstArgument()));
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
    return new CallShape(constant, untrusted, guarded, list, boundedOutput(call));
  }

  /** The C calls that format into a buffer without being told its size. */
  private static final Set<String> UNSIZED_FORMATTERS = Set.of("sprintf", "vsprintf", "swprintf", "wsprintf");

  /** A printf conversion: flags, width, precision, length, and the conversion's letter. */
  private static final Pattern CONVERSION = Pattern.compile("%[-+ #0']*(\\d+|\\*)?(\\.(\\d+|\\*))?(hh|h|ll|l|j|z|t|L|q)?([a-zA-Z%])");

  /**
   * Whether a call that formats into a buffer of unknown size writes a length its constant format
   * bounds: every conversion a number or a character ({@code %d}, {@code %x}, {@code %c}, no {@code *}
   * width), a string only with a precision ({@code %.16s}) or from a constant; the buffer holds it or not
   * whatever the data, which is no overflow of the caller's making.
   */
  private boolean boundedOutput(TSNode call) {
    if (!UNSIZED_FORMATTERS.contains(Syntax.lastName(Syntax.callee(call, src)))) return false;
    List<TSNode> args = Syntax.positional(call);
    if (args.size() < 2 || !Syntax.STRINGS.contains(args.get(1).getType()) || !Syntax.constant(args.get(1), src)) return false;
    java.util.regex.Matcher m = CONVERSION.matcher(Syntax.stringValue(args.get(1), src));
    int next = 2;
    while (m.find()) {
      String letter = m.group(5);
      if ("%".equals(letter)) continue;
      if ("*".equals(m.group(1)) || "*".equals(m.group(3))) return false;
      if ("s".equals(letter) || "S".equals(letter)) {
        boolean constantArg = next < args.size() && Syntax.constant(args.get(next), src);
        if (m.group(3) == null && !constantArg) return false;
      } else if (!"diouxXcCfFeEgGaAp".contains(letter)) {
        return false;
      }
      next++;
    }
    return true;
  }

  /** The call at a site, in the innermost scope that holds a call starting on the site's line with the site's last name. */
  private ScopedCall locate(CallSite site) {
    ScopedCall best = null;
    for (ScopedCall sc : callsOnLine().getOrDefault(site.line(), List.of())) {
      if (Syntax.lastName(Syntax.callee(sc.call(), src)).equals(Syntax.lastName(site.api()))
          && (best == null || sc.scope().node.getStartByte() >= best.scope().node.getStartByte())) {
        best = sc;
      }
    }
    return best;
  }

  /** Whether the API turns text into a number without reporting failure or range ({@code atoi}). */
  public boolean isConversion(String api) {
    return rules.conversions().contains(api);
  }

  /** Where a conversion's number goes that makes its range matter. */
  public enum NumberUse {
    /** It indexes an array or buffer. */
    INDEX,
    /** It sizes an allocation or a copy, or bounds a loop. */
    SIZE
  }

  /**
   * Where the number a conversion at the site returns is used for memory: an index, or a size (an
   * allocation, a copy's length, a loop bound), followed through the variables it is assigned to
   * (three steps), with no condition outside a loop that compares it first; null when it is used
   * for neither, or when the call is in the program's entry point ({@code main}), whose command line
   * is the invoking user's own (a local source, which CodeQL's default threat model leaves out too).
   */
  public NumberUse numberUse(CallSite site) {
    ScopedCall at = locate(site);
    if (at == null || at.scope() == scopes.get(0) || "main".equals(Syntax.name(at.scope().node, src))) return null;
    Scope in = at.scope();
    TSNode call = at.call();
    Set<String> vars = new HashSet<>();
    for (Scope.Assignment a : in.assignments) {
      if (a.value().getStartByte() <= call.getStartByte() && a.value().getEndByte() >= call.getEndByte()) vars.addAll(a.targets());
    }
    for (int step = 0; step < 3; step++) {
      for (Scope.Assignment a : in.assignments) {
        if (!java.util.Collections.disjoint(in.identifiers(a.value()), vars)) vars.addAll(a.targets());
      }
    }
    // a range check outside a loop's own condition vouches for it
    for (TSNode c : in.conditions) {
      TSNode owner = c.getParent();
      boolean loop = TreeSitterNodes.isPresent(owner) && Set.of("for_statement", "while_statement", "do_statement").contains(owner.getType());
      if (!loop && src.text(c).matches("(?s).*[<>].*") && !java.util.Collections.disjoint(in.identifiers(c), vars)) return null;
    }
    for (Scope.Subscript x : in.subscripts) {
      if (within(call, x.index()) || !java.util.Collections.disjoint(in.identifiers(x.index()), vars)) return NumberUse.INDEX;
    }
    for (TSNode c : in.calls) {
      String name = Syntax.lastName(Syntax.callee(c, src));
      List<TSNode> args = Syntax.positional(c);
      boolean sizes = rules.allocations().contains(name);
      int from = rules.writesFirstArgument().contains(name) ? 1 : sizes ? 0 : -1;
      for (int i = Math.max(from, 0); from >= 0 && i < args.size(); i++) {
        if (within(call, args.get(i)) || !java.util.Collections.disjoint(in.identifiers(args.get(i)), vars)) return NumberUse.SIZE;
      }
    }
    for (TSNode c : in.conditions) {
      TSNode owner = c.getParent();
      boolean loop = TreeSitterNodes.isPresent(owner) && Set.of("for_statement", "while_statement", "do_statement").contains(owner.getType());
      if (loop && (within(call, c) || !java.util.Collections.disjoint(in.identifiers(c), vars))) return NumberUse.SIZE;
    }
    return null;
  }

  /** Whether a node lies inside another. */
  private static boolean within(TSNode inner, TSNode outer) {
    return TreeSitterNodes.isPresent(outer) && inner.getStartByte() >= outer.getStartByte() && inner.getEndByte() <= outer.getEndByte();
  }

  /** Whether the call's result is assigned to a variable that a condition tests ({@code i = atoi(s); if (i < 0 ...)}). */
  private boolean resultChecked(TSNode call, Scope in) {
    Set<String> tested = testedVars.computeIfAbsent(in, s -> {
      Set<String> out = new HashSet<>();
      for (TSNode c : s.conditions) out.addAll(s.identifiers(c));
      return out;
    });
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
    if (sink.receiver()) {
      TSNode receiver = Syntax.receiver(call);
      if (receiver == null) return false;
      checked.add(receiver);
    }
    if (sink.literal() != null && !anyLiteral(checked, sink.literal(), scope)) return false;
    if (sink.intBelow() != null && !anySmallInteger(call, sink.intBelow())) return false;
    if (sink.modeGrants() != null && !anyPermission(call, m -> (m & sink.modeGrants()) != 0)) return false;
    if (sink.umaskLacks() != null && !anyPermission(call, m -> (m & sink.umaskLacks()) != sink.umaskLacks())) return false;
    if (sink.names() != null && !named(checked, sink.names(), scope)) return false;
    if (sink.notLiteral() && (checked.isEmpty() || checked.stream().allMatch(a -> Syntax.constant(a, src)))) return false;
    if (!sink.tainted()) return true;
    Scope.Taint t = taint(scope, rule);
    for (TSNode a : checked) {
      if (!t.carries(a) || sink.built() && !built(a, t, scope)) continue;
      if (sink.unlessLeading() != null && sink.unlessLeading().matcher(leading(a, scope, 0)).find()) continue;
      return true;
    }
    return false;
  }

  /**
   * The constant text a value starts with, before its first piece of data: the literal start of a
   * concatenation, of an interpolated string, or of the format a value is formatted from
   * ({@code "https://h/{}".format(x)}, {@code "https://h/%s" % x}, {@code fmt.Sprintf("https://h/%s", x)}),
   * followed through the one write of a variable (three steps); empty when it starts with data.
   */
  private String leading(TSNode n, Scope scope, int depth) {
    if (!TreeSitterNodes.isPresent(n) || depth > 3) return "";
    String type = n.getType();
    if (Syntax.STRINGS.contains(type)) {
      String v = Syntax.stringValue(n, src);
      int cut = v.length();
      for (String stop : List.of("{", "%", "${")) {
        int i = v.indexOf(stop);
        if (i >= 0) cut = Math.min(cut, i);
      }
      return v.substring(0, cut);
    }
    if ("parenthesized_expression".equals(type)) {
      List<TSNode> kids = namedChildren(n);
      return kids.isEmpty() ? "" : leading(kids.get(0), scope, depth);
    }
    if ("binary_expression".equals(type) || "binary_operator".equals(type)) {
      String op = src.text(TreeSitterNodes.field(n, "operator"));
      return "+".equals(op) || "%".equals(op) ? leading(TreeSitterNodes.field(n, "left"), scope, depth) : "";
    }
    if (Syntax.CALLS.contains(type)) {
      String name = Syntax.lastName(Syntax.callee(n, src));
      if ("format".equals(name)) return leading(Syntax.receiver(n), scope, depth);
      List<TSNode> args = Syntax.positional(n);
      if (Set.of("Sprintf", "sprintf", "concat", "String", "str").contains(name) && !args.isEmpty()) return leading(args.get(0), scope, depth);
      return "";
    }
    if (Syntax.IDENTIFIERS.contains(type)) {
      String v = src.text(n);
      TSNode only = null;
      for (Scope.Assignment a : scope.assignments) {
        if (!a.targets().contains(v)) continue;
        if (only != null || appends(a)) return "";
        only = a.value();
      }
      return only == null ? "" : leading(only, scope, depth + 1);
    }
    return "";
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

  /** Whether a permission literal among the call's arguments (written in octal, as permissions are: 0o600, 0600) satisfies the test. */
  private boolean anyPermission(TSNode call, java.util.function.IntPredicate test) {
    boolean[] hit = {false};
    TreeSitterNodes.walk(TreeSitterNodes.field(call, "arguments"), n -> {
      if (hit[0]) return false;
      if (Syntax.INTEGERS.contains(n.getType())) {
        Integer mode = Syntax.permission(n, src);
        hit[0] = mode != null && test.test(mode);
      }
      return true;
    });
    return hit[0];
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
          String text = guardText(c);
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
