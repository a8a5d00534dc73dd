package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.kb.curated.CuratedKbAssembler;
import dev.rescue.kb.curated.CuratedKbException;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembly of curated YAML into KB entries (the content itself is tested by its authors). */
class CuratedKbAssemblyTest {
  @TempDir Path dir;

  private static final String CWE_502 = """
      cwe: CWE-502
      name: Deserialization of Untrusted Data
      guideline: Use yaml.safe_load.
      cause: Loading uploaded YAML.
      apis:
        py:
          risky: [yaml.load]
          safe: [yaml.safe_load]
      examples:
        - language: py
          description: Load an uploaded config
          vulnerable: |
            import yaml
            def load(doc):
                return yaml.load(doc, Loader=yaml.Loader)
          secure: |
            import yaml
            def load(doc):
                return yaml.safe_load(doc)
        - language: py
          description: Load a cached object
          vulnerable: |
            def restore(blob):
                return pickle.loads(blob)
          secure: |
            def restore(blob):
                return json.loads(blob)
      """;

  private KnowledgeBase assemble() {
    return CuratedKbAssembler.assemble(dir, new KbManifest.EmbedderInfo("e", 3), "2026-01-01T00:00:00Z");
  }

  @Test
  void aYamlFileBecomesACuratedEntryWithNumberedExamples() throws Exception {
    Files.writeString(dir.resolve("cwe-502.yaml"), CWE_502);
    KnowledgeBase kb = assemble();

    CweEntry e = kb.cwe("CWE-502").orElseThrow();
    assertThat(e.distiller()).isEqualTo("curated");
    assertThat(e.examples()).containsExactly("curated:CWE-502:py", "curated:CWE-502:py:2");
    assertThat(e.apis().get("py").safe()).containsExactly("yaml.safe_load");
    CodeExample ex = kb.example("curated:CWE-502:py").orElseThrow();
    assertThat(ex.poi()).containsExactly(3);
    assertThat(ex.apis()).contains("yaml.load", "yaml.safe_load");
    assertThat(ex.source()).isEqualTo("curated");
    assertThat(ex.hops()).isZero();
    assertThat(ex.tokens()).isPositive();
    assertThat(ex.description()).isEqualTo("Load an uploaded config");
    assertThat(kb.manifest().sources()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("curated:cwe-502.yaml"));
  }

  @Test
  void aMissingFieldIsAnErrorNamingTheFileAndTheField() throws Exception {
    Files.writeString(dir.resolve("cwe-502.yaml"), CWE_502.replace("    secure: |\n      def restore", "    secur: |\n      def restore"));
    assertThatThrownBy(this::assemble).isInstanceOf(CuratedKbException.class)
        .hasMessageContaining("cwe-502.yaml: examples[2].secur: unknown field");
  }

  @Test
  void aMisspeltGateInGatesYamlIsRefusedInsteadOfBecomingZero() throws Exception {
    Files.writeString(dir.resolve("cwe-502.yaml"), CWE_502);
    Path gates = Path.of("src/main/curated/gates.yaml");
    Files.writeString(dir.resolve("gates.yaml"), Files.readString(gates));
    assertThat(assemble().manifest().gates().alpha()).isEqualTo(60.0);
    Files.writeString(dir.resolve("gates.yaml"), Files.readString(gates).replace("alpha:", "alpah:"));
    assertThatThrownBy(this::assemble).isInstanceOf(CuratedKbException.class)
        .hasMessageContaining("gates.yaml: unknown key 'alpah'");
  }

  @Test
  void theLearnedFusionComesFromFusionYamlAndABadOneIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("cwe-502.yaml"), CWE_502);
    assertThat(assemble().manifest().fusion()).isNull();
    Files.writeString(dir.resolve("fusion.yaml"), """
        method: learned
        features: [cause, prevalence]
        weights: [4.5, -0.5]
        """);
    KnowledgeBase kb = assemble();
    assertThat(kb.manifest().fusion().weights()).containsExactly(4.5, -0.5);
    assertThat(kb.manifest().sources()).extracting(KbManifest.Source::name).contains("curated:fusion.yaml");

    Files.writeString(dir.resolve("fusion.yaml"), "method: learned\nfeatures: [cause]\nweights: [\"4.5\"]\n");
    assertThatThrownBy(this::assemble).isInstanceOf(CuratedKbException.class)
        .hasMessageContaining("fusion.yaml: weights[0]: expected a number");
    Files.writeString(dir.resolve("fusion.yaml"), "method: lerned\nfeatures: [cause]\nweights: [1.0]\n");
    assertThatThrownBy(this::assemble).isInstanceOf(CuratedKbException.class)
        .hasMessageContaining("fusion.yaml").hasMessageContaining("unknown fusion 'lerned'");
  }

  @Test
  void aCweThatDoesNotMatchItsFileNameIsRefused() throws Exception {
    Files.writeString(dir.resolve("cwe-089.yaml"), CWE_502);
    assertThatThrownBy(this::assemble).hasMessageContaining("cwe-089.yaml: cwe: CWE-502 does not match the file name");
  }

  @Test
  void anUnknownLanguageIsRefusedNamingTheExample() throws Exception {
    Files.writeString(dir.resolve("cwe-502.yaml"), CWE_502.replaceFirst("- language: py", "- language: cobol"));
    assertThatThrownBy(this::assemble).hasMessageContaining("cwe-502.yaml: examples[1].language: unknown language 'cobol'");
  }
}
