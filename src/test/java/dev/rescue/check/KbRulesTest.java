package dev.rescue.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.Checkers;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled KB's rules on small programs: risky calls, guards present and absent, guidance by language. */
class KbRulesTest {
  static KnowledgeBase kb;
  static CodeChecker kbOnly;

  @BeforeAll
  static void load() {
    kb = KbLoader.read(KbLoader.BUNDLED);
    kbOnly = Checkers.standard(kb, CheckOptions.kbOnly());
  }

  @Test
  void yamlLoadOfAParameterIsCwe502AtItsCallFromTheDataFlowRule() {
    String code = "import yaml\n\ndef read(s):\n    return yaml.load(s)\n";
    CheckResult r = kbOnly.check(new SourceUnit("a.py", code, Language.PYTHON, null));
    assertThat(r.failures()).isEmpty();
    assertThat(r.tools()).containsExactly("kb");
    assertThat(r.findings()).filteredOn(f -> f.cwe().equals("CWE-502")).singleElement().satisfies(f -> {
      assertThat(f.location()).isEqualTo(new Location("a.py", 4, 12));
      // the KB's missing-guard finding and the flow rule's are one weakness; the flow rule's is the stronger
      assertThat(f.ruleId()).isEqualTo(KbRules.FLOW_PREFIX + "unsafe-deserialisation");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.tools()).containsExactly("kb");
      assertThat(f.guidance().guideline()).isNotBlank();
      // the secure example is the KB's Python one, not another language's
      assertThat(f.guidance().secureExample()).contains("def ").doesNotContain("{");
    });
  }

  @Test
  void aRiskyCallBesideItsSafeAlternativeIsOnlyLow() {
    String code = "import yaml\n\ndef read(s, trusted):\n    if trusted:\n        return yaml.load(s, Loader=yaml.SafeLoader)\n"
        + "    return yaml.safe_load(s)\n";
    CheckResult r = kbOnly.check(new SourceUnit("a.py", code, Language.PYTHON, null));
    assertThat(r.findings()).filteredOn(f -> f.cwe().equals("CWE-502")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.ruleId()).isEqualTo(KbRules.RISKY_API);
      assertThat(f.message()).contains("yaml.safe_load");
    });
  }

  @Test
  void safeCodeHasNoFindingAtOrAboveMedium() {
    String code = "import subprocess\n\ndef ls(d):\n    return subprocess.run(['ls', '-l', d], capture_output=True).stdout\n";
    CheckResult r = kbOnly.check(new SourceUnit("a.py", code, Language.PYTHON, null));
    assertThat(r.atLeast(Severity.MEDIUM)).isEmpty();
  }

  @Test
  void cGetsSeveralCwesOnOneLineButEachCweOnce() {
    String code = "#include <string.h>\nvoid f(char *d, const char *s) {\n  strcpy(d, s); strcpy(d, s);\n}\n";
    CheckResult r = kbOnly.check(new SourceUnit("a.c", code, Language.C, null));
    assertThat(r.findings()).extracting(Finding::cwe).contains("CWE-120", "CWE-787").doesNotHaveDuplicates();
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.location().line()).isEqualTo(3));
  }
}
