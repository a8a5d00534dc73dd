package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KbMergerTest {
  private static KnowledgeBase organisationKb() {
    CweEntry yaml = new CweEntry("CWE-502", "", "Use our `safeyaml.load` wrapper.", "Configs uploaded through our portal.",
        Map.of("py", new ApiSet(List.of("pickle.loads"), List.of("safeyaml.load")),
            "java", new ApiSet(List.of("ObjectInputStream.readObject"), List.of())),
        List.of("org-yaml"), Provenance.none(), "curated");
    CodeExample ex = KbFixtures.yamlExample("org-yaml");
    return new KnowledgeBase(KbFixtures.manifest(), List.of(yaml), List.of(ex));
  }

  @Test
  void entriesOfTheSameCweMergeAndOthersAreKept() {
    KnowledgeBase merged = KbMerger.merge(List.of(KbFixtures.small(), organisationKb()), List.of("a", "b"));

    assertThat(merged.cwes()).extracting(CweEntry::cwe).containsExactly("CWE-502", "CWE-89");
    CweEntry yaml = merged.cwe("CWE-502").orElseThrow();
    assertThat(yaml.name()).isEqualTo("Deserialization of Untrusted Data");
    assertThat(yaml.guideline()).startsWith("Prefer `yaml.safe_load`").endsWith("Use our `safeyaml.load` wrapper.");
    assertThat(yaml.cause()).contains("user uploaded").contains("our portal");
    assertThat(yaml.examples()).containsExactly("ex-yaml", "org-yaml");
    assertThat(yaml.apis().get("py").risky()).containsExactly("yaml.load", "pickle.loads");
    assertThat(yaml.apis().get("py").safe()).containsExactly("yaml.safe_load", "safeyaml.load");
    assertThat(yaml.apis()).containsKey("java");
    assertThat(yaml.distiller()).isEqualTo("rules+curated");
    assertThat(merged.examples()).extracting(CodeExample::id).containsExactly("ex-yaml", "ex-sql", "org-yaml");
    assertThat(merged.manifest().counts()).containsEntry("cwes", 2).containsEntry("examples", 3);
  }

  @Test
  void mergingAKbWithItselfChangesNothingButTheManifest() {
    KnowledgeBase kb = KbFixtures.small();
    KnowledgeBase merged = KbMerger.merge(List.of(kb, kb), List.of("a", "a"));
    assertThat(List.copyOf(merged.cwes())).isEqualTo(List.copyOf(kb.cwes()));
    assertThat(KbFingerprint.of(merged)).isEqualTo(KbFingerprint.of(kb));
  }

  @Test
  void anExampleIdWithDifferentContentInTwoKbsIsRefusedNamingBoth() {
    CodeExample clash = KbFixtures.sqlExample("ex-yaml");
    KnowledgeBase other = new KnowledgeBase(KbFixtures.manifest(), List.of(KbFixtures.sqlEntry("ex-yaml")), List.of(clash));
    assertThatThrownBy(() -> KbMerger.merge(List.of(KbFixtures.small(), other), List.of("/kb/ours", "/kb/theirs")))
        .hasMessageContaining("'ex-yaml'").hasMessageContaining("/kb/ours").hasMessageContaining("/kb/theirs");
  }

  private static KnowledgeBase withGates(KnowledgeBase kb, dev.rescue.model.FusionPolicy gates) {
    KbManifest m = kb.manifest();
    return new KnowledgeBase(new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(), gates, m.counts(),
        m.files()), List.copyOf(kb.cwes()), List.copyOf(kb.examples()));
  }

  @Test
  void kbsWithTheSameGatesMergeWithThem() {
    KnowledgeBase merged = KbMerger.merge(List.of(KbFixtures.small(), organisationKb()), List.of("a", "b"));
    assertThat(merged.manifest().gates()).isEqualTo(KbFixtures.manifest().gates());
  }

  @Test
  void kbsWithDifferentGatesMergeOnlyWithGatesFromAndTakeThatKbsGates() {
    var calibrated = KbFixtures.manifest().gates().withTaus(0.52, 3.0, 0.6);
    List<KnowledgeBase> kbs = List.of(KbFixtures.small(), withGates(organisationKb(), calibrated));
    assertThatThrownBy(() -> KbMerger.merge(kbs, List.of("/kb/ours", "bundled")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/kb/ours").hasMessageContaining("tau_cause 0.75").hasMessageContaining("tau_cause 0.52")
        .hasMessageContaining("--gates-from bundled");
    assertThat(KbMerger.merge(kbs, List.of("/kb/ours", "bundled"), "bundled").manifest().gates()).isEqualTo(calibrated);
    assertThat(KbMerger.merge(kbs, List.of("/kb/ours", "bundled"), "/kb/ours").manifest().gates())
        .isEqualTo(KbFixtures.manifest().gates());
  }
}
