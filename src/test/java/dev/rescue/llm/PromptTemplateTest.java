package dev.rescue.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  private final PromptTemplate template = PromptTemplate.load("pipeline/draft.txt");

  @Test
  void valuesHoldingBracesAreInsertedVerbatim() {
    String code = "function f() { return {{ a: 1 }}; }";
    String out = template.render(Map.of("language", "JavaScript", "task", "t", "code", code));
    assertThat(out).contains(code).doesNotContain("{{language}}");
  }

  @Test
  void missingValueNamesThePlaceholder() {
    assertThatThrownBy(() -> template.render(Map.of("language", "Go")))
        .hasMessageContaining("{{task}}");
  }
}
