package dev.rescue.kb.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesDistillerTest {
  private final RulesDistiller distiller = new RulesDistiller(ApiExtractor::apiCalls, null);

  private static DistillInput input(String id, String cwe, Language lang, String vulnerable, String secure) {
    VulnFixPair pair = new VulnFixPair(id, cwe, lang, "f", vulnerable, secure, List.of(), List.of(),
        "https://example.org/commit/" + id, null, null);
    CodeExample ex = new CodeExample(id, cwe, lang, vulnerable, secure, List.of(), List.of(), 2, 0,
        pair.commitLink(), null);
    return new DistillInput(pair, ex);
  }

  private static List<DistillInput> yamlFixes(int n) {
    List<DistillInput> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(input("yaml-" + i, "CWE-502", Language.PYTHON,
          "def load_config_" + i + "(path):\n    with open(path) as f:\n        return yaml.load(f.read())\n",
          "def load_config_" + i + "(path):\n    with open(path) as f:\n        return yaml.safe_load(f.read())\n"));
    }
    return out;
  }

  @Test
  void aRecurringApiMigrationBecomesAPreferLine() {
    CweEntry e = distiller.distill("cwe-502", yamlFixes(7));

    assertThat(e.cwe()).isEqualTo("CWE-502");
    assertThat(e.guideline()).contains("Prefer `yaml.safe_load` over `yaml.load` (seen in 7 fixes).");
    assertThat(e.distiller()).isEqualTo("rules");
    assertThat(e.examples()).hasSize(7).first().isEqualTo("yaml-0");
    assertThat(e.provenance().commits()).hasSize(7);
  }

  @Test
  void theApiSetPutsWhatFixesRemoveFirstAmongRiskyAndWhatTheyAddAmongSafe() {
    CweEntry e = distiller.distill("CWE-502", yamlFixes(3));
    assertThat(e.apis()).containsOnlyKeys("py");
    assertThat(e.apis().get("py").risky()).first().isEqualTo("yaml.load");
    assertThat(e.apis().get("py").risky()).contains("open").doesNotContain("yaml.safe_load");
    assertThat(e.apis().get("py").safe()).containsExactly("yaml.safe_load");
  }

  @Test
  void addedGuardsAreCountedByWhatTheyTest() {
    List<DistillInput> in = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      in.add(input("c-" + i, "CWE-787", Language.C,
          "void copy(char *dst, const char *src, size_t n) {\n  strcpy(dst, src);\n}\n",
          "void copy(char *dst, const char *src, size_t n) {\n  if (strlen(src) >= n) {\n    return;\n  }\n  strcpy(dst, src);\n}\n"));
    }
    CweEntry e = distiller.distill("CWE-787", in);
    assertThat(e.guideline()).contains("`strlen` check (3 fixes)").contains("bounds comparison (3 fixes)");
  }

  @Test
  void withoutACatalogueTheCauseSaysWhatVulnerableCodeCalls() {
    CweEntry e = distiller.distill("CWE-502", yamlFixes(2));
    assertThat(e.name()).isEmpty();
    assertThat(e.cause()).contains("`yaml.load`").contains("Python");
  }

  @Test
  void aOneOffChangeInAManyFixCweIsNotSoldAsARule() {
    List<DistillInput> in = new ArrayList<>(yamlFixes(6));
    in.add(input("odd", "CWE-502", Language.PYTHON, "def g(x):\n    return marshal.loads(x)\n",
        "def g(x):\n    return json.loads(x)\n"));
    CweEntry e = distiller.distill("CWE-502", in);
    assertThat(e.guideline()).contains("Prefer `yaml.safe_load` over `yaml.load`").doesNotContain("marshal");
  }

  @Test
  void theGuidelineStaysUnder120Words() {
    assertThat(RulesDistiller.words("w ".repeat(300), WordLimits.GUIDELINE).split("\\s+"))
        .hasSize(121); // 120 words and the ellipsis
    CweEntry e = distiller.distill("CWE-502", yamlFixes(4));
    assertThat(e.guideline().split("\\s+").length).isLessThanOrEqualTo(121);
  }

  @Test
  void nothingToDistilIsADistillationError() {
    assertThatThrownBy(() -> distiller.distill("CWE-502", List.of()))
        .isInstanceOf(DistillationException.class)
        .hasMessageContaining("CWE-502");
  }
}
