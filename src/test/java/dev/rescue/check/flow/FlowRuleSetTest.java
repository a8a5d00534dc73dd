package dev.rescue.check.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.Language;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rule file validates, and a broken one is refused with the rule and field named. */
class FlowRuleSetTest {
  @Test
  void theBundledRulesLoadAndCoverTheSixLanguages() {
    FlowRuleSet rules = FlowRuleSet.bundled();
    for (Language l : new Language[] {Language.PYTHON, Language.C, Language.CPP, Language.JAVA, Language.JAVASCRIPT, Language.GO}) {
      assertThat(rules.of(l).rules()).as(l.id()).isNotEmpty();
      assertThat(rules.of(l).rules()).allSatisfy(r -> {
        assertThat(r.cwe()).matches("CWE-\\d+");
        assertThat(r.cwes()).contains(r.cwe());
        assertThat(r.sinks()).isNotEmpty().allSatisfy(s -> {
          // calls and unchecked results name their APIs; returns, subscripts and assignments none
          boolean calls = s.kind() == FlowRuleSet.Kind.CALL || s.kind() == FlowRuleSet.Kind.UNCHECKED_RESULT;
          if (calls) assertThat(s.apis()).isNotEmpty().noneMatch(String::isBlank);
          else assertThat(s.apis()).isEmpty();
        });
      });
    }
    assertThat(rules.of(Language.RUBY).rules()).isEmpty();
    // the injection families a reviewer expects in a general rule set
    assertThat(rules.of(Language.PYTHON).rules()).extracting(FlowRuleSet.Rule::cwe)
        .contains("CWE-78", "CWE-89", "CWE-22", "CWE-95", "CWE-502", "CWE-326", "CWE-327", "CWE-328", "CWE-916");
    assertThat(rules.of(Language.C).rules()).extracting(FlowRuleSet.Rule::cwe).contains("CWE-78", "CWE-134", "CWE-22");
    assertThat(rules.of(Language.C).writesFirstArgument()).contains("strcpy", "sprintf", "snprintf");
  }

  @Test
  void aSinkForSeveralLanguagesAtOnceReachesEach() {
    FlowRuleSet rules = FlowRuleSet.bundled();
    for (Language l : new Language[] {Language.C, Language.CPP}) {
      assertThat(rules.of(l).rules()).filteredOn(r -> r.id().equals("format-string")).singleElement()
          .satisfies(r -> assertThat(r.sinks()).anySatisfy(s -> assertThat(s.apis()).contains("printf")));
    }
  }

  @Test
  void anUnknownLanguageIsNamed() {
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: high, message: m, sinks: {cobol: [{api: [a]}]}}\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule x").hasMessageContaining("'cobol'");
  }

  @Test
  void aBadRegexIsNamedWithItsRule() {
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: high, message: m, sinks: {py: [{api: [a]}]},"
        + " guards: {py: ['(']}}\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule x guard").hasMessageContaining("bad regex");
  }

  @Test
  void aRuleWithoutSinksOrWithABadCweOrTwiceIsRefused() {
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: high, message: m}\n"))
        .hasMessageContaining("rule x: no sinks");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: '78', severity: high, message: m, sinks: {py: [{api: [a]}]}}\n"))
        .hasMessageContaining("rule x: cwe must read CWE-NNN");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: high, message: m, sinks: {py: [{api: []}]}}\n"))
        .hasMessageContaining("a sink without api");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: urgent, message: m, sinks: {py: [{api: [a]}]}}\n"))
        .hasMessageContaining("severity must be low, medium or high");
    String one = "  - {id: x, cwe: CWE-78, severity: high, message: m, sinks: {py: [{api: [a]}]}}\n";
    assertThatThrownBy(() -> read("rules:\n" + one + one)).hasMessageContaining("rule x is defined twice");
  }

  @Test
  void anUnknownFieldIsRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-78, severity: high, message: m, sinks: {py: [{api: [a], shel: 'True'}]}}\n"))
        .hasMessageContaining("shel");
  }

  @Test
  void aSinkBeyondCallsTakesOnlyItsOwnFields() {
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: returns}]}}\n"))
        .hasMessageContaining("rule x").hasMessageContaining("'returns'");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: return, api: [a]}]}}\n"))
        .hasMessageContaining("a sink on return names no api");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: return, target: t}]}}\n"))
        .hasMessageContaining("target belongs on a sink on assignment");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{api: [a], function: f}]}}\n"))
        .hasMessageContaining("function belongs on a sink on return");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {c: [{on: subscript, literal: a}]}}\n"))
        .hasMessageContaining("belongs on a sink on call");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: assignment}]}}\n"))
        .hasMessageContaining("a sink on assignment without target");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: assignment, target: t,"
        + " constant: true, tainted: true}]}}\n")).hasMessageContaining("constant with tainted: true");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: return, parts: 1}]}}\n"))
        .hasMessageContaining("parts must be 2 or more");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-732, severity: high, message: m, sinks: {py: [{api: [a], mode_grants: '9'}]}}\n"))
        .hasMessageContaining("mode_grants must be octal");
    assertThatThrownBy(() -> read("rules:\n  - {id: x, cwe: CWE-79, severity: high, message: m, sinks: {py: [{on: return, function: '('}]}}\n"))
        .hasMessageContaining("rule x function").hasMessageContaining("bad regex");
  }

  @Test
  void theBundledRulesHaveEachKindOfSink() {
    FlowRuleSet rules = FlowRuleSet.bundled();
    java.util.Set<FlowRuleSet.Kind> kinds = java.util.EnumSet.noneOf(FlowRuleSet.Kind.class);
    for (Language l : new Language[] {Language.PYTHON, Language.C, Language.GO}) {
      for (FlowRuleSet.Rule r : rules.of(l).rules()) for (FlowRuleSet.Sink s : r.sinks()) kinds.add(s.kind());
    }
    assertThat(kinds).containsExactlyInAnyOrder(FlowRuleSet.Kind.values());
    assertThat(rules.of(Language.C).conversions()).contains("atoi");
    assertThat(rules.of(Language.C).allocations()).contains("malloc");
  }

  private static FlowRuleSet read(String yaml) throws Exception {
    return FlowRuleSet.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
