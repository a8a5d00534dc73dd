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
  record File(Map<String, List<String>> sources, Map<String, List<String>> writesFirstArgument, List<RawRule> rules) {}

  record RawRule(String id, String cwe, List<String> covers, String severity, String message, Map<String, List<RawSink>> sinks,
      Map<String, List<String>> sanitisers, Map<String, List<String>> guards) {}

  record RawSink(List<String> api, List<Integer> args, Map<String, String> keyword, Map<String, String> unlessKeyword,
      Boolean tainted, Boolean built, String literal, Integer intBelow, Boolean notLiteral, String names) {}

  /** One sink of a rule in one language. */
  public record Sink(Set<String> apis, List<Integer> args, Map<String, Pattern> keywords,
      Map<String, Pattern> unlessKeywords, boolean tainted, boolean built, Pattern literal, Integer intBelow,
      boolean notLiteral, Pattern names) {
    public boolean checksArgument(int index) {
      return args.isEmpty() || args.contains(index);
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
  public record LanguageRules(List<Pattern> sources, Set<String> writesFirstArgument, List<Rule> rules) {
    public static final LanguageRules NONE = new LanguageRules(List.of(), Set.of(), List.of());
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
        for (RawSink s : e.getValue()) {
          if (s.api() == null || s.api().isEmpty()) {
            throw new IllegalArgumentException("rule " + r.id() + " (" + e.getKey() + "): a sink without api");
          }
        }
      }
    }
    languages("sources", f.sources());
    languages("writes_first_argument", f.writesFirstArgument());
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
        out.put(lang, new LanguageRules(sources, Set.copyOf(forLanguage(f.writesFirstArgument(), lang)), List.copyOf(rules)));
      }
    }
    return new FlowRuleSet(out);
  }

  private static Sink sink(String rule, RawSink s) {
    Map<String, Pattern> keywords = new LinkedHashMap<>();
    if (s.keyword() != null) s.keyword().forEach((k, v) -> keywords.put(k, regex("rule " + rule + " keyword " + k, v)));
    Map<String, Pattern> unless = new LinkedHashMap<>();
    if (s.unlessKeyword() != null) {
      s.unlessKeyword().forEach((k, v) -> unless.put(k, regex("rule " + rule + " unless_keyword " + k, v)));
    }
    boolean tainted = s.tainted() == null || s.tainted();
    if (s.args() != null && s.args().stream().anyMatch(i -> i == null || i < 0)) {
      throw new IllegalArgumentException("rule " + rule + ": a sink of " + s.api() + " with a negative argument index");
    }
    return new Sink(Set.copyOf(s.api()), s.args() == null ? List.of() : List.copyOf(s.args()), Map.copyOf(keywords),
        Map.copyOf(unless),
        tainted, Boolean.TRUE.equals(s.built()), s.literal() == null ? null : regex("rule " + rule + " literal", s.literal()), s.intBelow(),
        Boolean.TRUE.equals(s.notLiteral()), s.names() == null ? null : regex("rule " + rule + " names", s.names()));
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
