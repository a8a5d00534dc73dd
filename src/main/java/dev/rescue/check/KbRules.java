package dev.rescue.check;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.CallSite;
import dev.rescue.analysis.FrontEnds;
import dev.rescue.check.flow.FlowAnalysis;
import dev.rescue.check.flow.FlowRuleSet;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The knowledge base's own rules, on the tree-sitter front-ends' call sites: a call to one of a
 * CWE's risky APIs is a finding of that CWE, and how strong it is depends on what else the KB knows.
 *
 * <ul>
 *   <li>{@code kb.missing-guard}: none of the CWE's safe alternatives (its guards) is called anywhere
 *       in the code: HIGH;
 *   <li>{@code kb.risky-api}: a guard is called too (LOW), or the KB knows none (MEDIUM).
 * </ul>
 *
 * <p>Each risky call is weighed by its context ({@link CallContext}), and the data-flow rules
 * ({@code kb.flow.*}, {@link FlowRuleSet}) add the weaknesses that live in where data goes: untrusted
 * data reaching a command, a query, a path, a format string, and calls in a weak shape (a short key,
 * a broken cipher).
 *
 * <p>A risky API that the secure side of any of the KB's examples in the language calls
 * ({@code strlen}, {@code memcpy}, {@code fmt.Sprintf}) is not a weakness by itself, only where its
 * data flows: its findings are LOW, hints below the default {@code --fail-on}.
 */
public final class KbRules implements CheckTool {
  public static final String TOOL = "kb";
  public static final String RISKY_API = "kb.risky-api";
  public static final String MISSING_GUARD = "kb.missing-guard";
  /** The data-flow rules' ids: {@code kb.flow.command-injection}, ... (see {@link FlowRuleSet}). */
  public static final String FLOW_PREFIX = "kb.flow.";

  private final KnowledgeBase kb;
  private final KbGuidance guidance;
  private final FlowRuleSet flowRules = FlowRuleSet.bundled();
  private final Map<Language, Map<String, List<Rule>>> byLanguage = new ConcurrentHashMap<>();

  /** One CWE's view of one risky API. */
  private record Rule(String cwe, String api, List<String> guards, boolean alsoInSecureExamples) {}

  public KbRules(KnowledgeBase kb, KbGuidance guidance) {
    this.kb = kb;
    this.guidance = guidance;
  }

  @Override
  public String name() {
    return TOOL;
  }

  @Override
  public boolean supports(Language language) {
    return FrontEnds.of(language).isPresent();
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public boolean optional() {
    return false;
  }

  @Override
  public CheckResult check(SourceUnit unit) {
    Map<String, List<Rule>> rules = rules(unit.language());
    List<CallSite> sites = ApiExtractor.apiCallSites(unit.code(), unit.language());
    // one parse of our own for the argument shapes, the data flow and the parse state
    try (FlowAnalysis flow = FlowAnalysis.of(unit.code(), unit.language(), flowRules, sites).orElse(null)) {
      Set<String> called = new HashSet<>();
      for (CallSite s : sites) called.add(s.api());
      // one finding per CWE and line: a call known by two names (.execute, cursor.execute) is one call
      Map<String, Finding> out = new LinkedHashMap<>();
      for (CallSite site : sites) {
        for (Rule r : rules.getOrDefault(site.api(), List.of())) {
          String key = r.cwe() + "|" + site.line();
          if (out.containsKey(key)) continue;
          out.put(key, CallContext.weigh(finding(unit, site, r, called), site, flow));
        }
      }
      List<Finding> findings = new ArrayList<>(out.values());
      if (flow != null) {
        for (FlowAnalysis.Hit h : flow.hits()) findings.add(finding(unit, h));
      }
      // tree-sitter recovers from errors: the calls that parsed are still checked, but the result says it is partial.
      // The front-end's own parse (a lone Java method inside a class, C macros repaired) has the last word.
      boolean parses = flow == null || !flow.hasErrors()
          || FrontEnds.of(unit.language()).map(f -> f.parsesCleanly(unit.code())).orElse(true);
      List<ToolFailure> failures = parses ? List.of() : List.of(new ToolFailure(TOOL,
          "the code does not parse cleanly as " + unit.language().displayName() + ": the KB rules checked the calls that parsed"));
      return new CheckResult(unit, Deduplication.merge(findings), failures, parses ? List.of(TOOL) : List.of());
    }
  }

  private Finding finding(SourceUnit unit, FlowAnalysis.Hit h) {
    Severity s = Severity.parse(h.rule().severity());
    return new Finding(h.rule().cwe(), new Location(unit.file(), h.line(), h.column()), TOOL, FLOW_PREFIX + h.rule().id(), s,
        s == Severity.HIGH ? 0.8 : 0.6, h.api() + ": " + h.message(), guidanceOf(h.rule(), unit.language()));
  }

  /** The KB's guidance for the rule's CWE, else for the first CWE it covers that the KB knows (CWE-328 by CWE-327's). */
  private Guidance guidanceOf(FlowRuleSet.Rule rule, dev.rescue.model.Language language) {
    for (String cwe : rule.cwes()) {
      Guidance g = guidance.of(cwe, language);
      if (!g.isEmpty()) return g;
    }
    return Guidance.none();
  }

  private Finding finding(SourceUnit unit, CallSite site, Rule r, Set<String> called) {
    List<String> present = r.guards().stream().filter(called::contains).toList();
    Location where = new Location(unit.file(), site.line(), site.column());
    Guidance g = guidance.of(r.cwe(), unit.language());
    if (!r.guards().isEmpty() && present.isEmpty()) {
      Severity s = r.alsoInSecureExamples() ? Severity.LOW : Severity.HIGH;
      double confidence = r.alsoInSecureExamples() ? 0.3 : 0.7;
      return new Finding(r.cwe(), where, TOOL, MISSING_GUARD, s, confidence,
          "calls " + site.api() + " (risky for " + r.cwe() + ") and none of its safe alternatives ("
              + String.join(", ", r.guards()) + ")", g);
    }
    if (!present.isEmpty()) {
      return new Finding(r.cwe(), where, TOOL, RISKY_API, Severity.LOW, 0.3,
          "calls " + site.api() + " (risky for " + r.cwe() + "); the code also calls " + String.join(", ", present)
              + ", which may guard it", g);
    }
    Severity s = r.alsoInSecureExamples() ? Severity.LOW : Severity.MEDIUM;
    return new Finding(r.cwe(), where, TOOL, RISKY_API, s, r.alsoInSecureExamples() ? 0.3 : 0.5,
        "calls " + site.api() + " (risky for " + r.cwe() + ")", g);
  }

  /** The risky APIs of the language, each with the CWEs it is risky for; built once per language. */
  private Map<String, List<Rule>> rules(Language language) {
    return byLanguage.computeIfAbsent(language, this::build);
  }

  private Map<String, List<Rule>> build(Language language) {
    Map<String, List<Rule>> out = new LinkedHashMap<>();
    Set<String> secureCalls = secureCalls(language);
    for (CweEntry entry : kb.cwes()) {
      ApiSet apis = entry.apis().get(language.id());
      if (apis == null || apis.risky().isEmpty()) continue;
      for (String api : apis.risky()) {
        // an API listed as both risky and safe (the KB's curation allows it) guards nothing
        List<String> guards = apis.safe().stream().filter(s -> !apis.risky().contains(s)).toList();
        out.computeIfAbsent(api, k -> new ArrayList<>())
            .add(new Rule(entry.cwe(), api, guards, secureCalls.contains(api)));
      }
    }
    return out;
  }

  /** The calls of the secure sides of the KB's examples in the language. */
  private Set<String> secureCalls(Language language) {
    Set<String> calls = new HashSet<>();
    for (CodeExample e : kb.examples()) {
      if (e.language() == language) {
        calls.addAll(ApiExtractor.apiCalls(e.secure(), language));
      }
    }
    return calls;
  }
}
