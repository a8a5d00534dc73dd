package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.FusionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseGatesTest {
  @Test
  void aCalibratedKbRetrievesWithItsOwnGates() {
    KbManifest m = KbFixtures.manifest();
    FusionPolicy calibrated = m.gates().withTaus(0.52, 3.0, 0.6);
    KbManifest withGates = new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(), calibrated, m.counts(), m.files());
    assertThat(new KnowledgeBase(withGates, List.of(), List.of()).gates()).isEqualTo(calibrated);
  }

  @Test
  void aKbWithoutGatesOrManifestGetsThePapersDefaults() {
    KbManifest m = KbFixtures.manifest();
    KbManifest noGates = new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(), null, m.counts(), m.files());
    FusionPolicy paper = new FusionPolicy(60, 10, 4, 0.75, 4.0, 0.65, 1, 3, null, 0); // RESCUE's alpha, cap, k and taus
    assertThat(new KnowledgeBase(noGates, List.of(), List.of()).gates()).isEqualTo(paper);
    assertThat(new KnowledgeBase(null, List.of(), List.of()).gates()).isEqualTo(paper);
  }
}
