package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.model.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Errors and unchecked security: in no metric a pass, a fail, secure or insecure. */
class MetricsRulesTest {
  private static SampleResult r(String task, Functional f, Boolean secure, String reason, Integer tokens) {
    return new SampleResult("none", task, 0, Language.PYTHON, "CWE-22", f, secure, "x", List.of(), reason, 1, tokens);
  }

  @Test
  void whenEverySampleErredThereIsNoPassRateAtAllNotZero() {
    Scores s = Scores.of(List.of(r("a", Functional.ERROR, null, "pytest wrote no report: x", null),
        r("b", Functional.ERROR, null, "pytest wrote no report: x", null)), List.of(1));
    assertThat(s.pass(1)).isNull();
    assertThat(s.securePass(1)).isNull();
    assertThat(s.secureRate()).isNull();
    assertThat(s.tasks()).isZero();
    assertThat(s.samples()).isZero();
    assertThat(s.errors()).isEqualTo(2);
    assertThat(s.errorReasons()).containsExactly(java.util.Map.entry("pytest wrote no report: x", 2));
  }

  @Test
  void aPassWhoseSecurityWasNotCheckedIsLeftOutOfSecurePassAndSecureRate() {
    List<SampleResult> rs = List.of(r("a", Functional.PASS, true, null, null), r("a", Functional.PASS, null, "not checked", null));
    Scores s = Scores.of(rs.stream().map(x -> new SampleResult(x.method(), x.taskId(), rs.indexOf(x), x.language(),
        x.cwe(), x.functional(), x.secure(), x.oracle(), x.findings(), x.reason(), 1)).toList(), List.of(1));
    // counted as insecure it would be 0.5; counted as secure, the secure rate would still be 1 but SP@1 1 of 2
    assertThat(s.securePass(1)).isEqualTo(1.0);
    assertThat(s.secureRate()).isEqualTo(1.0);
    assertThat(s.securityUnchecked()).isEqualTo(1);
    assertThat(s.securityChecked()).isEqualTo(1);
    assertThat(s.pass(1)).isEqualTo(1.0);
  }

  @Test
  void aFailIsNoSecurePassEvenWhenItsSecurityWasNotChecked() {
    assertThat(r("a", Functional.FAIL, null, "does not compile", null).securePass()).isFalse();
    assertThat(r("a", Functional.PASS, null, null, null).securePass()).isNull();
    assertThat(r("a", Functional.ERROR, true, null, null).securePass()).isNull();
    assertThat(r("a", Functional.PASS, false, null, null).securePass()).isFalse();
  }

  @Test
  void errorReasonsGroupAlikeReasonsAcrossSampleFolders() {
    var reasons = ErrorReasons.group(List.of(
        r("a", Functional.ERROR, null, "cannot write /tmp/rescue-sandbox-1/s11/x.py: Permission denied", null),
        r("b", Functional.ERROR, null, "cannot write /tmp/rescue-sandbox-1/s22/x.py: Permission denied", null),
        r("c", Functional.ERROR, null, "generation failed: LlmException: 500", null),
        r("d", Functional.FAIL, null, "a fail is not an error", null)));
    assertThat(reasons).containsExactly(java.util.Map.entry("cannot write <sample>/x.py: Permission denied", 2),
        java.util.Map.entry("generation failed: LlmException: 500", 1));
  }

  @Test
  void meanPromptTokensIsOverTheSamplesThatRecordedThem() {
    Scores s = Scores.of(List.of(r("a", Functional.PASS, true, null, 100), r("b", Functional.PASS, true, null, 300),
        r("c", Functional.PASS, true, null, null)), List.of(1));
    assertThat(s.meanPromptTokens()).isCloseTo(200.0, within(1e-9));
  }

  @Test
  void groupsAreInNaturalOrderSoCwe20ComesBeforeCwe113() {
    List<SampleResult> rs = java.util.stream.Stream.of("CWE-113", "CWE-20", "CWE-1333", "CWE-78")
        .map(c -> new SampleResult("none", c, 0, Language.PYTHON, c, Functional.PASS, true, "x", List.of(), null, 1)).toList();
    assertThat(Scores.by(rs, SampleResult::cwe, List.of(1)).keySet())
        .containsExactly("CWE-20", "CWE-78", "CWE-113", "CWE-1333");
  }
}
