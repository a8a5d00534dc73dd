package dev.rescue.kb.mitre;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MitreCatalogTest {
  private static final Path XML =
      Path.of(System.getProperty("rescue.shared", "../shared"), "data", "cwe", "cwec_v4.14.xml");
  private static MitreCatalog catalog;

  @BeforeAll
  static void read() {
    if (Files.isRegularFile(XML)) catalog = MitreCatalog.read(XML);
  }

  private static MitreCatalog catalog() {
    Requires.that(catalog != null, "MITRE catalogue not found at " + XML);
    return catalog;
  }

  @Test
  void readsEveryWeaknessOfTheCatalogue() {
    assertThat(catalog().size()).isEqualTo(963);
  }

  @Test
  void cwe89HasItsOfficialNameAndDescription() {
    CweDefinition d = catalog().get("cwe-089").orElseThrow();
    assertThat(d.name()).isEqualTo("Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')");
    assertThat(d.description()).startsWith("The product constructs all or part of an SQL command");
    assertThat(d.extendedDescription()).contains("SQL syntax in user-controllable inputs").doesNotContain("<");
  }

  @Test
  void childOfLinksComeFromTheResearchViewOnly() {
    // CWE-89 is ChildOf 943 in view 1000 and ChildOf 74 in view 1003.
    assertThat(catalog().get("CWE-89").orElseThrow().parents()).containsExactly("CWE-943");
    assertThat(catalog().get("CWE-502").orElseThrow().parents()).containsExactly("CWE-913");
  }

  @Test
  void abstractionIsMitresLevelOfTheWeakness() {
    assertThat(catalog().get("CWE-913").orElseThrow().abstraction()).isEqualTo("Class");
    assertThat(catalog().get("CWE-89").orElseThrow().abstraction()).isEqualTo("Base");
    assertThat(catalog().get("CWE-121").orElseThrow().abstraction()).isEqualTo("Variant");
    assertThat(catalog().get("CWE-680").orElseThrow().abstraction()).isEqualTo("Compound");
    assertThat(catalog().get("CWE-664").orElseThrow().abstraction()).isEqualTo("Pillar");
  }

  @Test
  void mitigationsAreReadAsText() {
    assertThat(catalog().get("CWE-89").orElseThrow().mitigations())
        .anySatisfy(m -> assertThat(m).contains("prepared statements"));
  }

  @Test
  void anUnknownCweIsEmpty() {
    assertThat(catalog().get("CWE-99999")).isEmpty();
  }

  @Test
  void aDocumentThatIsNotTheCatalogueIsRefusedByName() {
    var in = new ByteArrayInputStream("<html><body/></html>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> MitreCatalog.read(in, "page.html"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page.html is not a MITRE CWE catalogue");
  }

  @Test
  void mitigationsKeepTheirPhases() {
    var d = catalog().get("CWE-121").orElseThrow();
    assertThat(d.potentialMitigations()).anySatisfy(m -> {
      assertThat(m.phases()).containsExactly("Implementation");
      assertThat(m.description()).isEqualTo("Implement and perform bounds checking on input.");
    });
  }

  @Test
  void observedExamplesAreTheCvesWithTheirDescriptions() {
    assertThat(catalog().get("CWE-89").orElseThrow().observedExamples()).anySatisfy(o -> {
      assertThat(o.reference()).isEqualTo("CVE-2021-42258");
      assertThat(o.description()).startsWith("SQL injection in time and billing software");
    });
  }

  @Test
  void demonstrativeExamplesKeepTheirCodeWithNatureAndLanguage() {
    var examples = catalog().get("CWE-120").orElseThrow().demonstrativeExamples();
    assertThat(examples).anySatisfy(x -> {
      assertThat(x.intro()).startsWith("The following code attempts to create a local copy of a buffer");
      assertThat(x.codes()).anySatisfy(c -> {
        assertThat(c.nature()).isEqualTo("Bad");
        assertThat(c.language()).isEqualTo("C");
        assertThat(c.code()).contains("\n  strcpy(buf, string);\n");
      });
    });
  }

  @Test
  void childrenAndTheCatalogueVersionAreKnown() {
    assertThat(catalog().children("CWE-787")).contains("CWE-121", "CWE-122");
    assertThat(catalog().version()).isEqualTo("4.14");
    assertThat(catalog().date()).isEqualTo("2024-02-29");
  }
}
