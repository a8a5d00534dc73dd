package dev.rescue.retrieve;

import dev.rescue.model.ScoredCwe;
import java.util.List;

/**
 * The CWE layer's answer for a task.
 *
 * @param cwes the selected CWEs, best first, at most top-k; empty means abstention
 * @param abstentionReasons per facet, why nothing passed its gate (only when {@code cwes} is empty)
 */
public record CweRetrieval(List<ScoredCwe> cwes, List<String> abstentionReasons) {
  public CweRetrieval {
    cwes = List.copyOf(cwes);
    abstentionReasons = List.copyOf(abstentionReasons);
  }
}
