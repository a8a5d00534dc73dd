package dev.rescue.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings of several tools as one list: the same CWE on the same line of the same file is one
 * weakness, kept as its strongest finding (severity, then confidence, then the KB before analysers
 * since its finding carries the guidance) with every tool that found it listed.
 */
final class Deduplication {
  private Deduplication() {}

  static final Comparator<Finding> STRONGEST_FIRST = Comparator
      .comparing(Finding::severity).reversed()
      .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
      .thenComparing(f -> !f.tool().equals(KbRules.TOOL));

  /** In order of file, line, column, CWE. */
  static List<Finding> merge(List<Finding> findings) {
    Map<String, List<Finding>> byWeakness = new LinkedHashMap<>();
    for (Finding f : findings) {
      byWeakness.computeIfAbsent(f.location().file() + "|" + f.location().line() + "|" + f.cwe(),
          k -> new ArrayList<>()).add(f);
    }
    List<Finding> out = new ArrayList<>();
    for (List<Finding> same : byWeakness.values()) {
      same.sort(STRONGEST_FIRST);
      Finding best = same.get(0);
      List<String> tools = new ArrayList<>();
      for (Finding f : same) {
        for (String t : f.tools()) if (!tools.contains(t)) tools.add(t);
      }
      out.add(best.withTools(tools));
    }
    out.sort(Comparator.comparing((Finding f) -> f.location().file())
        .thenComparingInt(f -> f.location().line())
        .thenComparingInt(f -> f.location().column())
        .thenComparingInt(f -> dev.rescue.model.CweIds.number(f.cwe())));
    return out;
  }
}
