package dev.rescue.kb.mitre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed layer file is what the generator makes from MITRE's XML: nobody edits it by hand,
 * and a change of the generator or the selection shows up here until the file is regenerated with
 * {@code rescue kb mitre --cwe-xml ../shared/data/cwe/cwec_v4.14.xml --out src/main/curated/mitre/mitre-cwe-layer.yaml}.
 */
class MitreLayerFileTest {
  private static final Path XML =
      Path.of(System.getProperty("rescue.shared", "../shared"), "data", "cwe", "cwec_v4.14.xml");
  private static final Path COMMITTED = Path.of(System.getProperty("basedir", "."), "src", "main", "curated",
      MitreLayerAssembler.FOLDER, MitreLayer.FILE);

  @Test
  void theCommittedFileIsWhatTheGeneratorMakesFromTheCatalogue() throws Exception {
    Requires.data(XML);
    String regenerated = MitreLayerGenerator.generate(XML).toYaml();
    assertThat(Files.readString(COMMITTED))
        .as("%s differs from what the generator makes: regenerate it with rescue kb mitre", COMMITTED)
        .isEqualTo(regenerated);
  }

  @Test
  void theFileSaysItIsGeneratedFromWhichCatalogueAndCarriesMitresNotice() throws Exception {
    String text = Files.readString(COMMITTED);
    assertThat(text).startsWith("# GENERATED FILE: do not edit.");
    assertThat(text.lines().limit(10)).anySatisfy(l -> assertThat(l).contains("CWE List 4.14 (2024-02-29)"));
    assertThat(text.lines().limit(10)).anySatisfy(l -> assertThat(l).contains("Copyright (c) 2006-2024, The MITRE Corporation"));
    assertThat(MitreLayer.read(COMMITTED).notice()).isEqualTo(MitreNotice.TEXT);
  }

  @Test
  void theLayerCoversTheTop25TheirFamilyAndTheHeldOutMissesAndStaysSmall() throws Exception {
    MitreLayer layer = MitreLayer.read(COMMITTED);
    var ids = layer.entries().stream().map(MitreLayer.Entry::cwe).toList();
    // Top 25 members, a parent (CWE-20 of CWE-22 is in the list itself; CWE-74 is 79's parent) and children
    assertThat(ids).contains("CWE-79", "CWE-787", "CWE-74", "CWE-121", "CWE-122", "CWE-564");
    // the CWEs held-out sets label that the KB lacked (issue 14)
    assertThat(ids).contains("CWE-680", "CWE-807", "CWE-328", "CWE-330", "CWE-290", "CWE-345", "CWE-208",
        "CWE-185", "CWE-759", "CWE-665", "CWE-908", "CWE-1240", "CWE-589", "CWE-312");
    assertThat(layer.entries()).allSatisfy(e -> assertThat(e.cause()).as(e.cwe()).isNotBlank());
    // small enough to review a diff of and to ship in the jar beside the curated KB
    assertThat(Files.size(COMMITTED)).isLessThan(1_000_000);
  }
}
