package dev.rescue.kb.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class LlmDistillerAnswerTest {
  @Test
  void plainJsonObjectIsAccepted() throws Exception {
    LlmDistillerAnswer a = LlmDistillerAnswer.parse("{\"guideline\": \"Use yaml.safe_load().\", \"cause\": \"yaml.load builds objects.\"}");

    assertThat(a.guideline()).isEqualTo("Use yaml.safe_load().");
    assertThat(a.cause()).isEqualTo("yaml.load builds objects.");
    assertThat(a.asSummary()).isEqualTo("Guideline: Use yaml.safe_load().\nCause: yaml.load builds objects.");
  }

  @Test
  void codeFenceAndChatterAroundTheObjectAreTolerated() throws Exception {
    LlmDistillerAnswer a = LlmDistillerAnswer.parse("Here you go:\n```json\n{\"guideline\": \"G.\", \"cause\": \"C.\"}\n```\nHope it helps");

    assertThat(a.guideline()).isEqualTo("G.");
    assertThat(a.cause()).isEqualTo("C.");
  }

  @Test
  void aListOfRulesIsJoinedIntoSentences() throws Exception {
    LlmDistillerAnswer a = LlmDistillerAnswer.parse("{\"guideline\": [\"Use A\", \"Check B.\"], \"cause\": \"C\"}");

    assertThat(a.guideline()).isEqualTo("Use A. Check B.");
  }

  @Test
  void missingEmptyOrNonTextFieldsAreMalformedNamingTheField() {
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("{\"guideline\": \"G\"}")).hasMessageContaining("\"cause\" was missing");
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("{\"guideline\": \" \", \"cause\": \"C\"}")).hasMessageContaining("\"guideline\" was empty");
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("{\"guideline\": 3, \"cause\": \"C\"}")).hasMessageContaining("\"guideline\" was not a string");
  }

  @Test
  void proseAndBrokenJsonAreMalformed() {
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("Escape all output.")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("{\"guideline\": \"G\", \"cause\": }")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> LlmDistillerAnswer.parse("")).hasMessageContaining("empty");
  }

  @Test
  void overLongTextsAreTrimmedToWholeSentencesWithinTheLimit() throws Exception {
    String sentence = "Use parameterised queries for every statement built from input values here."; // 11 words
    String guideline = String.join(" ", Collections.nCopies(15, sentence)); // 165 words
    String cause = String.join(" ", Collections.nCopies(10, sentence)); // 110 words

    LlmDistillerAnswer a = LlmDistillerAnswer.parse("{\"guideline\": \"" + guideline + "\", \"cause\": \"" + cause + "\"}");

    assertThat(a.guideline().split(" ")).hasSize(110); // 10 whole sentences <= 120 words
    assertThat(a.guideline()).endsWith("here.");
    assertThat(a.cause().split(" ")).hasSize(77); // 7 whole sentences <= 80 words
  }

  @Test
  void aSingleOverLongSentenceIsCutAtTheLimit() {
    String words = String.join(" ", Collections.nCopies(100, "word"));

    String trimmed = LlmDistillerAnswer.trimToWords(words, 80);

    assertThat(trimmed).endsWith("word...");
    assertThat(trimmed.split(" ")).hasSize(80);
  }
}
