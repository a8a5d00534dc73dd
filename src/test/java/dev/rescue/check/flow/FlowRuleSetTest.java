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
        assertThat(r.sinks()).isNotEmpty().allSatisfy(s -> assertThat(s.apis()).isNotEmpty().noneMatch(String::isBlank));
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

  private static FlowRuleSet read(String yaml) throws Exception {
    return FlowRuleSet.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
