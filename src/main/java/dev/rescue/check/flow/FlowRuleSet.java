package dev.rescue.check.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.model.CweIds;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The data-flow rules of {@code rescue check}, read from their one home, {@code flow-rules.yaml}
 * beside this class: what counts as untrusted input (sources), which calls a CWE's weakness lives in
 * (sinks, with the argument shape that makes them weak), and what makes the data safe again
 * (sanitisers and guards). Rules are general statements of a weakness, per language; no Java code
 * per CWE.
 */
public final class FlowRuleSet {
  public static final String RESOURCE = "/dev/rescue/check/flow-rules.yaml";
  /** The key of a list that holds in every language. */
  public static final String ANY = "any";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** The file as written. */
  record File(Map<String, List<String>> sources, Map<String, List<String>> writesFirstArgument,
      Map<String, List<String>> conversions, Map<String, List<String>> allocations, List<RawRule> rules) {}

  record RawRule(String id, String cwe, List<String> covers, String severity, String message, Map<String, List<RawSink>> sinks,
      Map<String, List<String>> sanitisers, Map<String, List<String>> guards) {}

  record RawSink(String on, List<String> api, List<Integer> args, Map<String, String> keyword, Map<String, String> unlessKeyword,
      Boolean tainted, Boolean built, String literal, Integer intBelow, Boolean notLiteral, String names, String function,
      String target, Boolean written, Boolean constant, String modeGrants, String umaskLacks, Integer parts,
      Boolean entryPoint, Boolean keyed, Boolean receiver, String unlessLeading) {}

  /**
   * Where a sink's weakness lives: a call's arguments (the default), a value a function returns, an
   * index into an array or buffer, a value written to a variable, field or key, or an allocation's
   * result used without a check that it succeeded.
   */
  public enum Kind {
    CALL("call"), RETURN("return"), SUBSCRIPT("subscript"), ASSIGNMENT("assignment"), UNCHECKED_RESULT("unchecked_result");

    final String key;

    Kind(String key) {
      this.key = key;
    }

    static Kind of(String rule, String key) {
      if (key == null) return CALL;
      for (Kind k : values()) if (k.key.equals(key)) return k;
      throw new IllegalArgumentException("rule " + rule + ": a sink on '" + key
          + "' (expected call, return, subscript, assignment or unchecked_result)");
    }
  }

  /**
   * One sink of a rule in one language.
   *
   * @param function for a return sink, what the function's name or leading comment must match (what it makes: a URL, a log line)
   * @param target for an assignment sink, what the written name (a variable, a field, a string key) must match
   * @param written for a subscript sink: only indexes written through (true), only those read (false), or both (null)
   * @param constant for an assignment sink: the value is a constant (a literal, a list of literals)
   * @param keyed for an assignment sink: only a write under a key or into a field ({@code headers["X"] = v})
   * @param modeGrants permission bits: an integer literal among the arguments grants one of them (0o077: group or others)
   * @param umaskLacks permission bits: an integer literal among the arguments (a umask) leaves one of them unmasked
   * @param parts for a return sink, at least this many separate untrusted pieces are joined into the value (0: no such
   *     test): the first is the base the caller chose as a whole (a URL's host), what follows it can subvert it
   * @param entryPoint whether the sink holds in the program's entry point ({@code main}) too; false where the
   *     weakness is a function's trust in its callers, not in the invoking user's own command line (a local
   *     source, which CodeQL's default threat model leaves out too)
   * @param receiver for a call sink: the value that matters is the call's receiver, not its arguments (the
   *     format string of Python's {@code fmt.format(x)} is {@code fmt})
   * @param unlessLeading for a call sink: the argument's constant start (the text before the first untrusted piece,
   *     followed through the variable it was written to) matching this makes it safe: a URL whose constant start
   *     names its host ({@code "https://api.example.com/" + id}) stays on that host
   */
  public record Sink(Kind kind, Set<String> apis, List<Integer> args, Map<String, Pattern> keywords,
      Map<String, Pattern> unlessKeywords, boolean tainted, boolean built, Pattern literal, Integer intBelow,
      boolean notLiteral, Pattern names, Pattern function, Pattern target, Boolean written, boolean constant,
      Integer modeGrants, Integer umaskLacks, int parts, boolean entryPoint, boolean keyed, boolean receiver,
      Pattern unlessLeading) {
    public boolean checksArgument(int index) {
      return !receiver && (args.isEmpty() || args.contains(index));
    }
  }

  /**
   * One rule in one language.
   *
   * @param cwes its CWE, then those it {@code covers}, in the file's order: the KB's risky-API findings
   *     of these CWEs on its sinks are its to decide, and their guidance answers its findings when the
   *     KB has none for its own CWE
   */
  public record Rule(String id, String cwe, Set<String> cwes, String severity, String message, List<Sink> sinks, Set<String> sanitisers,
      List<Pattern> guards) {}

  /** What the rules know of one language. */
  public record LanguageRules(List<Pattern> sources, Set<String> writesFirstArgument, Set<String> conversions,
      Set<String> allocations, List<Rule> rules) {
    public static final LanguageRules NONE = new LanguageRules(List.of(), Set.of(), Set.of(), Set.of(), List.of());
  }

  private final Map<Language, LanguageRules> byLanguage;

  private FlowRuleSet(Map<Language, LanguageRules> byLanguage) {
    this.byLanguage = byLanguage;
  }

  public LanguageRules of(Language language) {
    return byLanguage.getOrDefault(language, LanguageRules.NONE);
  }

  private static volatile FlowRuleSet bundled;

  /** The rules bundled with this build, read once. */
  public static FlowRuleSet bundled() {
    FlowRuleSet b = bundled;
    if (b == null) {
      synchronized (FlowRuleSet.class) {
        if (bundled == null) {
          try (InputStream in = FlowRuleSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the build lacks " + RESOURCE);
            bundled = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
          }
        }
        b = bundled;
      }
    }
    return b;
  }

  /**
   * Reads and validates a rule file: every language key is a known language (or {@code any}),
   * every regex compiles, every rule has an id, a CWE, a known severity and at least one sink with
   * at least one API, and ids are unique.
   *
   * @throws IllegalArgumentException naming the rule and field that is wrong
   */
  public static FlowRuleSet read(InputStream in) throws IOException {
    File f = YAML.readValue(in, File.class);
    if (f.rules() == null || f.rules().isEmpty()) throw new IllegalArgumentException("no rules");
    Set<String> ids = new HashSet<>();
    for (RawRule r : f.rules()) {
      if (r.id() == null || r.id().isBlank()) throw new IllegalArgumentException("a rule without an id");
      if (!ids.add(r.id())) throw new IllegalArgumentException("rule " + r.id() + " is defined twice");
      if (r.cwe() == null || !r.cwe().matches("CWE-\\d+")) {
        throw new IllegalArgumentException("rule " + r.id() + ": cwe must read CWE-NNN, was " + r.cwe());
      }
      if (!List.of("low", "medium", "high").contains(String.valueOf(r.severity()))) {
        throw new IllegalArgumentException("rule " + r.id() + ": severity must be low, medium or high, was " + r.severity());
      }
      if (r.message() == null || r.message().isBlank()) throw new IllegalArgumentException("rule " + r.id() + ": no message");
      if (r.sinks() == null || r.sinks().isEmpty()) throw new IllegalArgumentException("rule " + r.id() + ": no sinks");
      languages("rule " + r.id() + " sinks", r.sinks());
      languages("rule " + r.id() + " sanitisers", r.sanitisers());
      languages("rule " + r.id() + " guards", r.guards());
      for (var e : r.sinks().entrySet()) {
        for (RawSink s : e.getValue()) shapeOf(r.id() + " (" + e.getKey() + ")", s);
      }
    }
    languages("sources", f.sources());
    languages("writes_first_argument", f.writesFirstArgument());
    languages("conversions", f.conversions());
    languages("allocations", f.allocations());
    Map<Language, LanguageRules> out = new LinkedHashMap<>();
    for (Language lang : Language.values()) {
      List<Rule> rules = new ArrayList<>();
      for (RawRule r : f.rules()) {
        List<Sink> sinks = new ArrayList<>();
        for (RawSink s : forLanguage(r.sinks(), lang)) sinks.add(sink(r.id(), s));
        if (sinks.isEmpty()) continue;
        Set<String> cwes = new java.util.LinkedHashSet<>(List.of(CweIds.normalize(r.cwe())));
        for (String c : r.covers() == null ? List.<String>of() : r.covers()) {
          if (c == null || !c.matches("CWE-\\d+")) throw new IllegalArgumentException("rule " + r.id() + ": covers must list CWE-NNN, had " + c);
          cwes.add(CweIds.normalize(c));
        }
        rules.add(new Rule(r.id(), CweIds.normalize(r.cwe()), java.util.Collections.unmodifiableSet(cwes), r.severity(), r.message().strip(), List.copyOf(sinks),
            Set.copyOf(forLanguage(r.sanitisers(), lang)),
            forLanguage(r.guards(), lang).stream().map(g -> regex("rule " + r.id() + " guard", g)).toList()));
      }
      List<Pattern> sources = forLanguage(f.sources(), lang).stream().map(s -> regex("source", s)).toList();
      if (!rules.isEmpty()) {
        out.put(lang, new LanguageRules(sources, Set.copyOf(forLanguage(f.writesFirstArgument(), lang)),
            Set.copyOf(forLanguage(f.conversions(), lang)), Set.copyOf(forLanguage(f.allocations(), lang)), List.copyOf(rules)));
      }
    }
    return new FlowRuleSet(out);
  }

  /**
   * A sink's kind, once its fields fit it: calls and unchecked results name their APIs, the other
   * kinds none; an assignment names its target; each kind's own fields appear on it alone.
   */
  private static Kind shapeOf(String rule, RawSink s) {
    Kind k = Kind.of(rule, s.on());
    boolean calls = k == Kind.CALL || k == Kind.UNCHECKED_RESULT;
    boolean hasApi = s.api() != null && !s.api().isEmpty();
    if (calls && !hasApi) throw new IllegalArgumentException("rule " + rule + ": a sink without api");
    if (!calls && s.api() != null) throw new IllegalArgumentException("rule " + rule + ": a sink on " + k.key + " names no api");
    Map<String, Object> only = new LinkedHashMap<>();
    only.put("function", s.function() == null || k == Kind.RETURN ? null : Kind.RETURN);
    only.put("target", s.target() == null || k == Kind.ASSIGNMENT ? null : Kind.ASSIGNMENT);
    only.put("constant", s.constant() == null || k == Kind.ASSIGNMENT ? null : Kind.ASSIGNMENT);
    only.put("keyed", s.keyed() == null || k == Kind.ASSIGNMENT ? null : Kind.ASSIGNMENT);
    only.put("written", s.written() == null || k == Kind.SUBSCRIPT ? null : Kind.SUBSCRIPT);
    only.put("parts", s.parts() == null || k == Kind.RETURN ? null : Kind.RETURN);
    if (s.parts() != null && s.parts() < 2) throw new IllegalArgumentException("rule " + rule + ": parts must be 2 or more, was " + s.parts());
    boolean argumentShape = s.args() != null || s.keyword() != null || s.unlessKeyword() != null || s.literal() != null
        || s.intBelow() != null || s.notLiteral() != null || s.names() != null || s.modeGrants() != null || s.umaskLacks() != null
        || s.receiver() != null || s.unlessLeading() != null;
    if (Boolean.TRUE.equals(s.receiver()) && s.args() != null) {
      throw new IllegalArgumentException("rule " + rule + ": a sink on the receiver checks no arguments (receiver with args)");
    }
    only.put("args, keyword, literal, int_below, not_literal, names, mode_grants, umask_lacks, receiver or unless_leading", !argumentShape || k == Kind.CALL ? null : Kind.CALL);
    for (var e : only.entrySet()) {
      if (e.getValue() != null) {
        throw new IllegalArgumentException("rule " + rule + ": " + e.getKey() + " belongs on a sink on " + ((Kind) e.getValue()).key
            + ", not on " + k.key);
      }
    }
    if (k == Kind.ASSIGNMENT && s.target() == null) throw new IllegalArgumentException("rule " + rule + ": a sink on assignment without target");
    if (Boolean.TRUE.equals(s.constant()) && Boolean.TRUE.equals(s.tainted())) {
      throw new IllegalArgumentException("rule " + rule + ": a constant value carries no untrusted data (constant with tainted: true)");
    }
    return k;
  }

  private static Integer octal(String rule, String field, String v) {
    if (v == null) return null;
    String digits = v.startsWith("0o") ? v.substring(2) : v;
    if (!digits.matches("[0-7]{1,4}")) throw new IllegalArgumentException("rule " + rule + ": " + field + " must be octal permission bits ('077'), was " + v);
    return Integer.parseInt(digits, 8);
  }

  private static Sink sink(String rule, RawSink s) {
    Kind kind = shapeOf(rule, s);
    Map<String, Pattern> keywords = new LinkedHashMap<>();
    if (s.keyword() != null) s.keyword().forEach((k, v) -> keywords.put(k, regex("rule " + rule + " keyword " + k, v)));
    Map<String, Pattern> unless = new LinkedHashMap<>();
    if (s.unlessKeyword() != null) {
      s.unlessKeyword().forEach((k, v) -> unless.put(k, regex("rule " + rule + " unless_keyword " + k, v)));
    }
    // a constant written, an allocation unchecked: no data flow, the shape is the weakness
    boolean tainted = s.tainted() == null ? !Boolean.TRUE.equals(s.constant()) && kind != Kind.UNCHECKED_RESULT : s.tainted();
    if (s.args() != null && s.args().stream().anyMatch(i -> i == null || i < 0)) {
      throw new IllegalArgumentException("rule " + rule + ": a sink of " + s.api() + " with a negative argument index");
    }
    return new Sink(kind, s.api() == null ? Set.of() : Set.copyOf(s.api()), s.args() == null ? List.of() : List.copyOf(s.args()),
        Map.copyOf(keywords), Map.copyOf(unless),
        tainted, Boolean.TRUE.equals(s.built()), s.literal() == null ? null : regex("rule " + rule + " literal", s.literal()), s.intBelow(),
        Boolean.TRUE.equals(s.notLiteral()), s.names() == null ? null : regex("rule " + rule + " names", s.names()),
        s.function() == null ? null : regex("rule " + rule + " function", s.function()),
        s.target() == null ? null : regex("rule " + rule + " target", s.target()), s.written(), Boolean.TRUE.equals(s.constant()),
        octal(rule, "mode_grants", s.modeGrants()), octal(rule, "umask_lacks", s.umaskLacks()), s.parts() == null ? 0 : s.parts(),
        s.entryPoint() == null || s.entryPoint(), Boolean.TRUE.equals(s.keyed()), Boolean.TRUE.equals(s.receiver()),
        s.unlessLeading() == null ? null : regex("rule " + rule + " unless_leading", s.unlessLeading()));
  }

  private static <T> List<T> forLanguage(Map<String, List<T>> map, Language lang) {
    if (map == null) return List.of();
    List<T> out = new ArrayList<>(map.getOrDefault(ANY, List.of()));
    for (var e : map.entrySet()) {
      if (List.of(e.getKey().split(",")).contains(lang.id())) out.addAll(e.getValue());
    }
    return out;
  }

  private static void languages(String what, Map<String, ?> map) {
    if (map == null) return;
    for (String key : map.keySet()) {
      if (key.equals(ANY)) continue;
      for (String k : key.split(",")) {
        if (Language.fromId(k).filter(l -> l.id().equals(k)).isEmpty()) {
          throw new IllegalArgumentException(what + ": unknown language '" + k + "' (expected a language id, ids with commas, or any)");
        }
      }
    }
  }

  private static Pattern regex(String what, String p) {
    try {
      return Pattern.compile(p);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(what + ": bad regex '" + p + "': " + e.getDescription());
    }
  }
}
