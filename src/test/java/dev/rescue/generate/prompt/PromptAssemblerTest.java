package dev.rescue.generate.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.internal.Tokens;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.model.Task;
import dev.rescue.pipeline.AssembledPrompt;
import dev.rescue.pipeline.PipelineOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptAssemblerTest {
  private final PromptAssembler assembler = new PromptAssembler();
  private final Task task = new Task("t", "Load the YAML config the user uploads", null, Language.PYTHON);

  private static ScoredCwe cwe(String id, String name, String guideline) {
    return new ScoredCwe(new CweEntry(id, name, guideline, "cause", Map.of("py", new ApiSet(List.of(), List.of())),
        List.of(), null, "curated"), 0.03, Map.of());
  }

  private static ScoredExample example(String cwe, String secure, String vulnerable) {
    return new ScoredExample(new CodeExample("curated:" + cwe + ":py", cwe, Language.PYTHON, vulnerable, secure,
        List.of(), List.of(), 0, 10, "curated", "load a config"), 0.03, Map.of());
  }

  @Test
  void contextHoldsGuidelinesWithIdAndNameThenSecureExamplesThenTheTask() {
    AssembledPrompt p = assembler.assemble(task, Language.PYTHON,
        List.of(cwe("CWE-502", "Deserialization of Untrusted Data", "Use yaml.safe_load, never yaml.load.")),
        List.of(example("CWE-502", "data = yaml.safe_load(f)", "data = yaml.load(f)")), PipelineOptions.defaults());

    assertThat(p.context()).contains("- CWE-502 Deserialization of Untrusted Data: Use yaml.safe_load");
    assertThat(p.context()).contains("```python\ndata = yaml.safe_load(f)\n```");
    assertThat(p.context()).doesNotContain("yaml.load(f)");
    assertThat(p.context().indexOf("CWE-502 Deserialization")).isLessThan(p.context().indexOf("Secure example"));
    String user = p.messages().get(1).content();
    assertThat(user).startsWith(p.context());
    assertThat(user.indexOf("Load the YAML config")).isGreaterThan(user.indexOf("Secure example"));
    assertThat(p.contextTokens()).isEqualTo(Tokens.count(p.context()));
  }

  @Test
  void onlyTheFirstAndApiConfirmedCwesGetTheirWholeGuidelineTheOthersTheirCoreRule() {
    String g502 = "Never deserialize untrusted data. Use yaml.safe_load.";
    String g22 = "Keep paths inside the base directory. Resolve and check the prefix.";
    String g78 = "Never run a shell with user input. Pass an argument list.";
    ScoredCwe apiConfirmed = new ScoredCwe(cwe("CWE-78", "C", g78).entry(), 0.03,
        Map.of(Facet.API, new FacetScore(5.0, 1, true)));
    List<ScoredCwe> cwes = List.of(cwe("CWE-502", "A", g502), cwe("CWE-22", "B", g22), apiConfirmed);

    String tiered = assembler.assemble(task, Language.PYTHON, cwes, List.of(), PipelineOptions.defaults()).context();
    String full = assembler.assemble(task, Language.PYTHON, cwes, List.of(),
        PipelineOptions.defaults().withFullContext(true)).context();

    assertThat(tiered).contains("- CWE-502 A: " + g502 + "\n", "- CWE-22 B: Keep paths inside the base directory.\n",
        "- CWE-78 C: " + g78 + "\n");
    assertThat(tiered).doesNotContain("Resolve and check the prefix");
    assertThat(full).contains("- CWE-22 B: " + g22 + "\n");
  }

  @Test
  void vulnerableCounterpartIsShownOnlyOnRequestAndMarkedAsWhatToAvoid() {
    AssembledPrompt p = assembler.assemble(task, Language.PYTHON, List.of(cwe("CWE-502", "D", "g")),
        List.of(example("CWE-502", "safe()", "unsafe()")), PipelineOptions.defaults().withShowVulnerable(true));
    assertThat(p.context()).contains("do NOT write code like this", "unsafe()");
  }

  @Test
  void budgetDropsTheLowestRankedCweItemsFirstExampleBeforeGuideline() {
    String longCode = "x = 1\n".repeat(60);
    List<ScoredCwe> cwes = List.of(cwe("CWE-502", "A", "first guideline"), cwe("CWE-22", "B", "second guideline"));
    List<ScoredExample> examples = List.of(example("CWE-502", longCode, "v"), example("CWE-22", longCode, "v"));
    int full = assembler.assemble(task, Language.PYTHON, cwes, examples, PipelineOptions.defaults()).contextTokens();

    AssembledPrompt p = assembler.assemble(task, Language.PYTHON, cwes, examples,
        PipelineOptions.defaults().withTokenBudget(full - 1));
    assertThat(p.dropped()).containsExactly("example curated:CWE-22:py");
    assertThat(p.contextTokens()).isLessThanOrEqualTo(full - 1);

    int firstGuidelineOnly = assembler.assemble(task, Language.PYTHON, cwes.subList(0, 1), List.of(),
        PipelineOptions.defaults()).contextTokens();
    AssembledPrompt tight = assembler.assemble(task, Language.PYTHON, cwes, examples,
        PipelineOptions.defaults().withTokenBudget(firstGuidelineOnly));
    assertThat(tight.dropped()).containsExactly("example curated:CWE-22:py", "guideline CWE-22",
        "example curated:CWE-502:py");
    assertThat(tight.context()).contains("first guideline").doesNotContain("second guideline");
  }

  @Test
  void nothingRetrievedGivesThePlainPrompt() {
    AssembledPrompt p = assembler.assemble(task, Language.PYTHON, List.of(), List.of(), PipelineOptions.defaults());
    assertThat(p.context()).isEmpty();
    assertThat(p.contextTokens()).isZero();
    assertThat(p.messages().get(1).content()).startsWith("Task (Python):\nLoad the YAML config");
  }

  @Test
  void switchesLeaveOutGuidelinesOrExamples() {
    List<ScoredCwe> cwes = List.of(cwe("CWE-502", "A", "the guideline"));
    List<ScoredExample> ex = List.of(example("CWE-502", "safe()", "v"));
    assertThat(assembler.assemble(task, Language.PYTHON, cwes, ex, PipelineOptions.defaults().withGuidelines(false))
        .context()).doesNotContain("the guideline").contains("safe()");
    assertThat(assembler.assemble(task, Language.PYTHON, cwes, ex, PipelineOptions.defaults().withExamples(false))
        .context()).contains("the guideline").doesNotContain("safe()");
  }
}
