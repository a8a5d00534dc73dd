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
 * often closer to the second, so the facet's score is the mean of the cause similarity and the best
 * example-description similarity of that CWE (the cause alone when the CWE has no example).
 * The retriever then ranks these scores with a prevalence prior ({@link dev.rescue.retrieve.fusion.Prevalence#rank}).
 */
public final class CauseFacet {
  private final KnowledgeBase kb;
  private final KnowledgeIndex index;

  public CauseFacet(KnowledgeBase kb, KnowledgeIndex index) {
    this.kb = kb;
    this.index = index;
  }

  /** Every CWE with its facet score, unsorted. */
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
    Map<String, Double> bestExample = new HashMap<>();
    for (Hit h : index.examplesByCause(query, Set.of(), null, kb.examples().size())) {
      kb.example(h.id())
          .filter(e -> ownText == null || e.description() == null || !e.description().strip().equals(ownText.strip()))
          .ifPresent(e -> bestExample.merge(e.cwe(), h.score(), Math::max));
    }
    List<Hit> out = new ArrayList<>(causes.size());
    for (Hit c : causes) {
      Double d = bestExample.get(c.id());
      out.add(new Hit(c.id(), d == null ? c.score() : (c.score() + d) / 2));
    }
    return out;
  }
}
