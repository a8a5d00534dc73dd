package dev.rescue.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.index.Hit;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.mitre.MitreLayerAssembler;
import dev.rescue.model.CweEntry;
import dev.rescue.model.FusionPolicy;
import dev.rescue.retrieve.fusion.Fused;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerGateTest {
  // CWE-78 curated, CWE-680 only in the MITRE-derived layer
  private static final KnowledgeBase KB = new KnowledgeBase(null, List.of(
      new CweEntry("CWE-78", "OS Command Injection", "g", "c", null, null, null, "curated"),
      new CweEntry("CWE-680", "Integer Overflow to Buffer Overflow", "g", "c", null, null, null,
          MitreLayerAssembler.DISTILLER)), List.of());
  private static final FusionPolicy GATES = FusionPolicy.paperDefaults().withTaus(0.52, 3.0, 0.65).withPrevalenceWeight(0);
  private final CweRetriever retriever = new CweRetriever(KB, null, null, null);

  private List<String> fused(double curated, double layer) {
    CweRetriever.TaskFacets task = CweRetriever.TaskFacets.of(
        List.of(new Hit("CWE-78", curated), new Hit("CWE-680", layer)), List.of(), Double.NaN);
    return retriever.fuse(task, GATES).stream().map(Fused::id).toList();
  }

  @Test
  void aLayerEntryNearerThanTheCuratedOneByLessThanTheMarginRanksBelowIt() {
    assertThat(fused(0.60, 0.60 + LayerGate.MARGIN - 0.01)).containsExactly("CWE-78", "CWE-680");
  }

  @Test
  void aLayerEntryThatBeatsTheCuratedOneByMoreThanTheMarginRanksFirst() {
    assertThat(fused(0.60, 0.60 + LayerGate.MARGIN + 0.01)).containsExactly("CWE-680", "CWE-78");
  }

  @Test
  void aLayerEntryMustClearTheCauseGateByTheMarginToo() {
    // 0.60 passes the 0.52 gate for a curated entry, not for a layer one (0.60 - 0.11 = 0.49)
    assertThat(fused(0.40, 0.60)).isEmpty();
    assertThat(fused(0.40, 0.52 + LayerGate.MARGIN + 0.01)).containsExactly("CWE-680");
  }

  @Test
  void aKbWithoutTheLayerIsRankedAsBefore() {
    KnowledgeBase curatedOnly = new KnowledgeBase(null, List.of(
        new CweEntry("CWE-78", "n", "g", "c", null, null, null, "curated"),
        new CweEntry("CWE-680", "n", "g", "c", null, null, null, "curated")), List.of());
    CweRetriever.TaskFacets task = CweRetriever.TaskFacets.of(
        List.of(new Hit("CWE-78", 0.60), new Hit("CWE-680", 0.62)), List.of(), Double.NaN);

    assertThat(new CweRetriever(curatedOnly, null, null, null).fuse(task, GATES)).extracting(Fused::id)
        .containsExactly("CWE-680", "CWE-78");
  }
}
