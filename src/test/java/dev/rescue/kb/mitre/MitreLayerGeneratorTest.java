package dev.rescue.kb.mitre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MitreLayerGeneratorTest {
  @Test
  void condensingTakesEveryTextsFirstSentenceBeforeAnySecondOne() {
    String a = "Use prepared statements. They keep data out of the query text. Bind every value.";
    String b = "Escape what cannot be bound. Prefer an allowlist.";
    // 9 words: both first sentences (4 + 5), no room for a second one
    assertThat(MitreLayerGenerator.condense(List.of(a, b), 9)).isEqualTo("Use prepared statements. Escape what cannot be bound.");
    // 19 words: the second sentence of each too (8 + 3), printed in the texts' order
    assertThat(MitreLayerGenerator.condense(List.of(a, b), 19))
        .isEqualTo("Use prepared statements. They keep data out of the query text. Escape what cannot be bound. Prefer an allowlist.");
  }

  @Test
  void condensingDropsRepeatsAndAdviceForLanguagesTheKbDoesNotServe() {
    String a = "Validate the length. When using PHP, configure the application so that it does not use register_globals.";
    String b = "Validate the length.";
    assertThat(MitreLayerGenerator.condense(List.of(a, b), 120)).isEqualTo("Validate the length.");
  }

  @Test
  void aFirstSentenceLongerThanTheLimitIsCutWithAnEllipsis() {
    assertThat(MitreLayerGenerator.condense(List.of("one two three four five six."), 3)).isEqualTo("one two three …");
    assertThat(MitreLayerGenerator.condense(List.of(), 3)).isEmpty();
  }

  @Test
  void observedExamplesLoseCrossReferencesAndKevRemarks() {
    assertThat(MitreLayerGenerator.observedText(
        "Chain: an unsigned integer is cast to a 32-bit integer (CWE-681), as exploited in the wild per CISA KEV."))
        .isEqualTo("Chain: an unsigned integer is cast to a 32-bit integer");
  }

  @Test
  void aPairIsUsableOnlyWhenBothSidesAreParallelCode() {
    String bad = "char buf[24];\nstrcpy(buf, s);\nputs(buf);";
    String good = "char buf[24];\nstrncpy(buf, s, sizeof buf - 1);\nbuf[sizeof buf - 1] = '\\0';\nputs(buf);";
    assertThat(MitreLayerGenerator.usable(bad, good)).isTrue();
    assertThat(MitreLayerGenerator.usable(bad, bad)).as("the same code twice").isFalse();
    // MITRE's Good code is sometimes only the changed condition: not a parallel pair
    assertThat(MitreLayerGenerator.usable(bad, "...\nif (n < sizeof buf) {\n...")).isFalse();
    assertThat(MitreLayerGenerator.usable(bad, (good + "\n").repeat(10))).as("longer than 30 lines").isFalse();
  }
}
