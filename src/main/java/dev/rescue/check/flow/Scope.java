package dev.rescue.check.flow;

import static dev.rescue.analysis.TreeSitterNodes.field;
import static dev.rescue.analysis.TreeSitterNodes.isPresent;
import static dev.rescue.analysis.TreeSitterNodes.namedChildren;

import dev.rescue.analysis.TreeSitterNodes;
import dev.rescue.analysis.TreeSitterSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * One function (or the top level of a script) as the flow rules see it: its parameters, its
 * assignments, its conditions and its calls, and which variables carry untrusted data.
 *
 * <p>The top level of a file is a scope without the functions in it (each is its own); a function's
 * scope holds the functions nested in it too, so a callback sees its enclosing function's data.
 *
 * <p>The analysis is flow-insensitive within the function, as a reviewer reads it: a parameter or
 * a source is untrusted; whatever is assigned from untrusted data is untrusted; a variable that a
 * sanitiser's result is assigned to, or that a guarding condition tests, is trusted everywhere in
 * the function. Calls that write into their first argument ({@code strcpy}, {@code sprintf}) pass
 * the taint of their other arguments into it.
 */
final class Scope {
  /** A write: the names written, the value they take, and what is written as the code spells it (x, x.f, x["k"]). */
  record Assignment(Set<String> targets, TSNode value, TSNode target) {}

  final TSNode node;
  final Set<String> parameters = new HashSet<>();
  final List<Assignment> assignments = new ArrayList<>();
  final List<TSNode> conditions = new ArrayList<>();
  final List<TSNode> calls = new ArrayList<>();
  /** The values its own return statements return (not those of functions nested in it). */
  final List<TSNode> returns = new ArrayList<>();
  /** Its indexes into arrays and buffers, each with whether it is written through ({@code a[i] = v}). */
  final List<Subscript> subscripts = new ArrayList<>();
  /** What the function's name and leading comment (or docstring) say, empty at the top level. */
  final String title;
  private final TreeSitterSource src;

  /** An index into an array or buffer: the indexed value, the index, and whether it is written through. */
  record Subscript(TSNode node, TSNode base, TSNode index, boolean written) {}

  static final Set<String> SUBSCRIPTS = Set.of("subscript", "subscript_expression", "index_expression");

  Scope(TSNode node, boolean function, TreeSitterSource src) {
    this.node = node;
    this.src = src;
    if (function) {
      TSNode ps = Syntax.parameters(node);
      if (ps != null) parameters.addAll(identifiers(ps));
    }
    title = function ? Syntax.title(node, src) : "";
    Set<Integer> writtenAt = new HashSet<>();
    TreeSitterNodes.walk(function ? Syntax.body(node) : node, n -> {
      String t = n.getType();
      // the top level holds the script's own statements; each function is a scope of its own
      if (!function && Syntax.FUNCTIONS.contains(t)) return false;
      if (Syntax.CALLS.contains(t)) calls.add(n);
      String[] fields = Syntax.ASSIGNMENTS.get(t);
      if (fields != null) {
        TSNode target = field(n, fields[0]);
        TSNode value = fields[1] == null ? first(n) : field(n, fields[1]);
        if (target != null && value != null) assignments.add(new Assignment(targets(target), value, target));
        if (target != null && SUBSCRIPTS.contains(target.getType())) writtenAt.add(target.getStartByte());
      }
      // C++ stream insertion writes into the stream: out << "x" << v
      if ("expression_statement".equals(t)) {
        TSNode e = first(n);
        TSNode left = e;
        while (left != null && "binary_expression".equals(left.getType()) && "<<".equals(operator(left))) left = field(left, "left");
        if (left != e && left != null && Syntax.IDENTIFIERS.contains(left.getType())) {
          assignments.add(new Assignment(Set.of(src.text(left)), e, left));
        }
      }
      if (SUBSCRIPTS.contains(t)) {
        List<TSNode> kids = namedChildren(n);
        if (kids.size() >= 2) subscripts.add(new Subscript(n, kids.get(0), kids.get(kids.size() - 1), false));
      }
      if (Syntax.CONDITIONAL.contains(t)) {
        TSNode c = field(n, "condition");
        if (c == null && ("assert_statement".equals(t) || "conditional_expression".equals(t))) c = n;
        if (c != null) conditions.add(c);
      }
      // assert(i < n) in C, C++ and JavaScript is a call: its argument is a condition the code states, as Python's assert is
      if (Syntax.CALLS.contains(t) && ASSERTS.matcher(Syntax.lastName(Syntax.callee(n, src))).matches()) {
        TSNode args = field(n, "arguments");
        if (isPresent(args) && args.getNamedChildCount() > 0) conditions.add(args);
      }
      return true;
    });
    for (int i = 0; i < subscripts.size(); i++) {
      Subscript x = subscripts.get(i);
      if (writtenAt.contains(x.node().getStartByte())) subscripts.set(i, new Subscript(x.node(), x.base(), x.index(), true));
    }
    TreeSitterNodes.walk(function ? Syntax.body(node) : node, n -> {
      if (Syntax.FUNCTIONS.contains(n.getType())) return false;
      if ("return_statement".equals(n.getType())) {
        List<TSNode> kids = namedChildren(n);
        kids.removeIf(k -> "comment".equals(k.getType()));
        if (!kids.isEmpty()) returns.add(kids.get(0));
        return false;
      }
      return true;
    });
  }

  /** Whether the function's body is one statement that returns a constant truth ({@code return true;}, {@code return 1;}). */
  boolean alwaysTrue() {
    TSNode body = field(node, "body");
    if (!isPresent(body)) return false;
    List<TSNode> stmts = namedChildren(body);
    stmts.removeIf(k -> "comment".equals(k.getType()));
    if (stmts.size() == 1 && "statement_list".equals(stmts.get(0).getType())) stmts = namedChildren(stmts.get(0));
    stmts.removeIf(k -> "comment".equals(k.getType()));
    if (stmts.size() != 1 || !"return_statement".equals(stmts.get(0).getType())) return false;
    List<TSNode> value = namedChildren(stmts.get(0));
    value.removeIf(k -> "comment".equals(k.getType()));
    if (value.size() == 1 && "expression_list".equals(value.get(0).getType())) value = namedChildren(value.get(0));
    return value.size() == 1 && Set.of("true", "True", "1").contains(src.text(value.get(0)));
  }

  /** A binary expression's operator, as written (the C and C++ grammars name it). */
  private String operator(TSNode binary) {
    return src.text(field(binary, "operator"));
  }

  private static TSNode first(TSNode n) {
    List<TSNode> kids = namedChildren(n);
    return kids.isEmpty() ? null : kids.get(0);
  }

  /** The variables a write target names: {@code x}, {@code a, b}, the base {@code x} of {@code x.f} or {@code x[i]}, {@code *p}. */
  private Set<String> targets(TSNode target) {
    Set<String> out = new HashSet<>();
    TreeSitterNodes.walk(target, n -> {
      String t = n.getType();
      if (Syntax.IDENTIFIERS.contains(t)) out.add(src.text(n));
      // x[i] = ... writes x, not i; x.f = ... writes x
      if ("subscript".equals(t) || "subscript_expression".equals(t) || "index_expression".equals(t)) {
        TSNode base = field(n, "value") != null ? field(n, "value") : field(n, "argument") != null
            ? field(n, "argument") : field(n, "operand");
        if (base != null) out.addAll(targets(base));
        return false;
      }
      return true;
    });
    return out;
  }

  /**
   * A condition that checks a value rather than its presence: a comparison of sizes or ranges, a test
   * for the error value -1 (an index a call returned, or -1 when it found none), a measure, a pattern
   * match, a validation or allow-list call ({@code p == NULL} is none).
   */
  private static final Pattern CHECKING = Pattern.compile("[<>]|[!=]=\\s*-\\s*1(?![.\\w])|sizeof|strlen|strnlen|len\\(|length|size|match|\\.test\\("
      + "|valid|Valid|safe|Safe|allow|Allow|isalnum|isdigit|isalpha|startswith|startsWith|HasPrefix|\\bin\\b|contains|Contains|has\\(");

  /** Calls that measure what they are given: a variable measured is one whose size the code knows. */
  static final Set<String> MEASURES = Set.of("strlen", "strnlen", "sizeof", "len", "length", "size", "wcslen");

  /**
   * The variables the function checks: those a condition tests, and those it measures
   * ({@code malloc(strlen(s) + 1)} sizes a buffer for {@code s}; {@code sizeof buf}).
   */
  Set<String> checked() {
    if (checked == null) checked = java.util.Collections.unmodifiableSet(measureChecked());
    return checked;
  }

  /** {@link #checked()}, computed once: a big file's top level is asked for every call in it. */
  private Set<String> checked;

  private Set<String> measureChecked() {
    Set<String> out = new HashSet<>();
    for (TSNode c : conditions) if (CHECKING.matcher(src.text(c)).find()) out.addAll(identifiers(c));
    for (TSNode call : calls) {
      if (MEASURES.contains(Syntax.lastName(Syntax.callee(call, src)))) out.addAll(identifiers(TreeSitterNodes.field(call, "arguments")));
    }
    TreeSitterNodes.walk(node, n -> {
      if ("sizeof_expression".equals(n.getType())) out.addAll(identifiers(n));
      return true;
    });
    // n = strlen(s): a measure taken is a size the code knows
    for (Assignment a : assignments) {
      TSNode v = unwrap(a.value());
      if (isPresent(v) && Syntax.CALLS.contains(v.getType()) && MEASURES.contains(Syntax.lastName(Syntax.callee(v, src)))) {
        out.addAll(a.targets());
      }
    }
    return out;
  }

  /**
   * The variables a condition compares with {@code <} or {@code >}, or with zero ({@code n != 0}): bounded,
   * not only measured; a length compared with zero has a last element ({@code s[n - 1]}).
   */
  Set<String> compared() {
    Set<String> out = new HashSet<>();
    for (TSNode c : conditions) if (COMPARES.matcher(src.text(c)).find()) out.addAll(identifiers(c));
    return out;
  }

  /** The assertion macros and functions: {@code assert}, {@code g_assert}, {@code av_assert0}, {@code ASSERT}. */
  private static final Pattern ASSERTS = Pattern.compile("(?i)(\\w+_)?assert\\d?");

  private static final Pattern COMPARES = Pattern.compile("[<>]|[!=]=\\s*0(?![.\\w])|(?<![\\w.])0\\s*[!=]=");

  /** The identifier names under a node. */
  Set<String> identifiers(TSNode n) {
    Set<String> out = new HashSet<>();
    TreeSitterNodes.walk(n, k -> {
      if (Syntax.IDENTIFIERS.contains(k.getType())) out.add(src.text(k));
      return true;
    });
    return out;
  }

  /** What is untrusted in this scope under one rule's sanitisers and guards. */
  final class Taint {
    final Set<String> tainted = new HashSet<>();
    private final List<Pattern> sources;
    private final Predicate<TSNode> sanitiser;

    /**
     * @param sanitiser which calls make their result trusted
     * @param guard which conditions make the variables they test trusted
     * @param writesFirst calls that write their other arguments' data into their first
     */
    Taint(List<Pattern> sources, Predicate<TSNode> sanitiser, Predicate<TSNode> guard, Set<String> writesFirst) {
      this.sources = sources;
      this.sanitiser = sanitiser;
      Set<String> trusted = new HashSet<>();
      for (TSNode c : conditions) if (guard.test(c)) trusted.addAll(identifiers(c));
      // a guard on a derived value (the joined path, a copy's tokens) vouches for what it came from
      for (int round = 0; round < 3; round++) {
        for (Assignment a : assignments) {
          if (a.targets().stream().anyMatch(trusted::contains)) trusted.addAll(identifiers(a.value()));
        }
        for (TSNode call : calls) {
          List<TSNode> args = Syntax.positional(call);
          if (args.size() >= 2 && writesFirst.contains(Syntax.lastName(Syntax.callee(call, src)))
              && targets(args.get(0)).stream().anyMatch(trusted::contains)) {
            for (TSNode a : args.subList(1, args.size())) trusted.addAll(identifiers(a));
          }
        }
      }
      for (Assignment a : assignments) {
        if (isSanitiser(unwrap(a.value()))) trusted.addAll(a.targets());
      }
      for (String p : parameters) if (!trusted.contains(p)) tainted.add(p);
      boolean changed = true;
      for (int round = 0; changed && round < 8; round++) {
        changed = false;
        for (Assignment a : assignments) {
          if (tainted.containsAll(a.targets()) || !carries(a.value())) continue;
          for (String t : a.targets()) if (!trusted.contains(t)) changed |= tainted.add(t);
        }
        for (TSNode call : calls) {
          if (!writesFirst.contains(Syntax.lastName(Syntax.callee(call, src)))) continue;
          List<TSNode> args = Syntax.positional(call);
          if (args.size() < 2) continue;
          boolean in = false;
          for (TSNode a : args.subList(1, args.size())) in |= carries(a);
          if (!in) continue;
          for (String t : targets(args.get(0))) if (!trusted.contains(t)) changed |= tainted.add(t);
        }
      }
    }

    /** Whether an expression carries untrusted data: an untrusted variable or a source, outside any sanitiser call. */
    boolean carries(TSNode expr) {
      if (!isPresent(expr)) return false;
      boolean[] found = {false};
      ArrayDeque<TSNode> todo = new ArrayDeque<>();
      todo.push(expr);
      while (!todo.isEmpty() && !found[0]) {
        TSNode n = todo.pop();
        String t = n.getType();
        if (Syntax.CALLS.contains(t) && isSanitiser(n)) continue;
        if (Syntax.FUNCTIONS.contains(t)) continue; // a callback's body runs elsewhere
        if (Syntax.IDENTIFIERS.contains(t) && tainted.contains(src.text(n))) return true;
        if (!sources.isEmpty() && isSourceShaped(t)) {
          String text = src.text(n);
          for (Pattern p : sources) if (p.matcher(text).lookingAt()) return true;
        }
        for (TSNode k : namedChildren(n)) todo.push(k);
      }
      return found[0];
    }

    private boolean isSanitiser(TSNode n) {
      return isPresent(n) && Syntax.CALLS.contains(n.getType()) && sanitiser.test(n);
    }
  }

  private static boolean isSourceShaped(String type) {
    return Syntax.CALLS.contains(type) || Syntax.IDENTIFIERS.contains(type) || type.equals("attribute")
        || type.equals("member_expression") || type.equals("selector_expression") || type.equals("subscript")
        || type.equals("subscript_expression") || type.equals("field_access") || type.equals("index_expression");
  }

  /** The expression inside parentheses, {@code await}, casts and type assertions. */
  static TSNode unwrap(TSNode n) {
    TSNode cur = n;
    for (int i = 0; i < 8 && isPresent(cur); i++) {
      String t = cur.getType();
      if (t.equals("parenthesized_expression") || t.equals("await") || t.equals("await_expression")
          || t.equals("expression_list") && cur.getNamedChildCount() == 1) {
        List<TSNode> kids = namedChildren(cur);
        if (kids.isEmpty()) return cur;
        cur = kids.get(kids.size() - 1);
      } else if (t.equals("cast_expression")) {
        cur = field(cur, "value");
      } else {
        return cur;
      }
    }
    return cur;
  }
}
