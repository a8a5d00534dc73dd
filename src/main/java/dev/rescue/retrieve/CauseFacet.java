package dev.rescue.retrieve;

import dev.rescue.index.Hit;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cause facet at the CWE level: how well a task's cause query matches a CWE. A CWE is described
 * twice in the KB: by its cause (the failure mode, in the words of weaknesses) and by the
 * descriptions of its examples (what the code does, in the words of tasks). A task description is
 * often closer to the second, so the facet's score, which the cause gate reads, is the mean of the
 * cause similarity and the best example-description similarity of that CWE (the cause alone when
 * the CWE has no example).
 *
 * <p>A cause is a paragraph of situations and a task usually matches one of them, so the facet ranks
 * by a third part too, the best similarity of the cause's passages ({@link
 * dev.rescue.index.CausePassages}): the ranking score is the mean of the three (of cause and passage
 * when the CWE has no example). Only the ranking: as part of the gate score it let ordinary code
 * prefixes through (Go code prefixes' abstention 0.92 -> 0.87), since a short passage is near more
 * unrelated text than a paragraph is, and the gates were calibrated on the two-part score.
 * The retriever then adds a prevalence prior to the ranking score ({@link dev.rescue.retrieve.fusion.Prevalence#rank}).
 */
public final class CauseFacet {
  private final KnowledgeBase kb;
  private final KnowledgeIndex index;

  public CauseFacet(KnowledgeBase kb, KnowledgeIndex index) {
    this.kb = kb;
    this.index = index;
  }

  /** Every CWE with its facet score (the gate's) and ranking score, unsorted. */
  public List<Hit> score(float[] query) {
    return score(query, null);
  }

  /**
   * As {@link #score(float[])}, ignoring the examples whose description is {@code
   * ownText}: calibrating on tasks whose own descriptions are in the KB (a KB built from the same
   * data) must leave each task's own example out, or every task finds itself.
   */
  public List<Hit> score(float[] query, String ownText) {
    List<Hit> causes = index.cwesByCause(query, kb.cwes().size());
    Map<String, Double> bestPassage = new HashMap<>();
    for (Hit h : index.cwesByCausePassage(query, kb.cwes().size())) bestPassage.put(h.id(), h.score());
    Map<String, Double> bestExample = new HashMap<>();
    for (Hit h : index.examplesByCause(query, Set.of(), null, kb.examples().size())) {
      kb.example(h.id())
          .filter(e -> ownText == null || e.description() == null || !e.description().strip().equals(ownText.strip()))
          .ifPresent(e -> bestExample.merge(e.cwe(), h.score(), Math::max));
    }
    List<Hit> out = new ArrayList<>(causes.size());
    for (Hit c : causes) {
      Double d = bestExample.get(c.id());
      double gate = d == null ? c.score() : (c.score() + d) / 2;
      // a CWE without a passage (an index cannot lack them, a test double may) ranks by the gate score
      Double p = bestPassage.get(c.id());
      double rank = p == null ? gate : d == null ? (c.score() + p) / 2 : (c.score() + p + d) / 3;
      out.add(new Hit(c.id(), gate, rank));
    }
    return out;
  }
}
