package dev.rescue.retrieve;

import dev.rescue.index.Hit;
import dev.rescue.index.KbLayers;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MITRE-derived layer competes under the curated KB, not beside it. Its entries' cause text is
 * MITRE's own (a description and CVE summaries), written for weaknesses rather than for tasks, so
 * it is near many tasks and, scored like a curated cause, outranks the curated entry a task needs
 * and lets ordinary tasks past the cause gate (SafeCoder-val Hit@4 0.591 -> 0.465, MBPP abstention
 * 0.913 -> 0.801 with no gate). A layer entry's cause score therefore counts {@link #MARGIN} less,
 * both for the gate and for the ranking: it reaches the top k only by beating the curated entries
 * (and the gate) by that margin, which is what it takes for a CWE the curated KB lacks. Its API
 * facet is left as it is: a layer entry has API names only where MITRE's own bad and good code
 * differ in their calls, and at this margin keeping or dropping them changed no development figure
 * by more than 0.002.
 */
final class LayerGate {
  /**
   * The smallest margin (0 to 0.20 by 0.02, and 0.03) at which no development figure fell more than
   * 0.01 below the KB without the layer: SafeCoder-train descriptions and code, CWEval's training
   * half, the even MBPP tasks as prose and as code prefixes in six languages (curated README, "The
   * MITRE-derived layer", has the table). Below it the layer costs abstention on code prefixes.
   */
  static final double MARGIN = 0.11;

  private final Set<String> layer;
  private final double margin;

  LayerGate(KnowledgeBase kb) {
    this(kb, MARGIN);
  }

  LayerGate(KnowledgeBase kb, double margin) {
    this.margin = margin;
    this.layer = kb == null ? Set.of() : kb.cwes().stream().filter(KbLayers::derived)
        .map(CweEntry::cwe).collect(Collectors.toUnmodifiableSet());
  }

  /** A task's facet lists with the layer's entries held back by the margin. */
  Map<Facet, List<Hit>> apply(Map<Facet, List<Hit>> lists) {
    if (layer.isEmpty()) return lists;
    Map<Facet, List<Hit>> out = new EnumMap<>(Facet.class);
    out.putAll(lists);
    out.computeIfPresent(Facet.CAUSE, (f, hits) -> hits.stream()
        .map(h -> layer.contains(h.id()) ? new Hit(h.id(), h.score() - margin, h.rankScore() - margin) : h).toList());
    return out;
  }
}
