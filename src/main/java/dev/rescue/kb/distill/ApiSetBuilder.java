package dev.rescue.kb.distill;

import dev.rescue.model.ApiSet;
import dev.rescue.model.Language;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API set of a CWE per language, from its examples. The API facet matches a task's draft, and a
 * draft usually looks like the vulnerable code, so {@code risky} holds the calls of the vulnerable
 * slices, those the fixes removed first; {@code safe} holds the calls that appear only on the fixed
 * side (added by a fix and never removed by another). Each list is capped so that one CWE's long tail
 * of incidental calls does not swamp BM25.
 */
public final class ApiSetBuilder {
  /** Most risky calls kept per language. */
  public static final int MAX_RISKY = 30;
  /** Most safe calls kept per language. */
  public static final int MAX_SAFE = 20;
  /** A call the fix removed counts this much more than one merely present in a vulnerable slice. */
  private static final int REMOVED_WEIGHT = 2;

  private final ApiCallSource apis;

  public ApiSetBuilder(ApiCallSource apis) {
    this.apis = apis;
  }

  public Map<String, ApiSet> build(List<DistillInput> inputs) {
    return fromDeltas(inputs.stream().map(in -> FixDelta.of(in, apis)).toList());
  }

  static Map<String, ApiSet> fromDeltas(List<FixDelta> deltas) {
    Map<Language, Map<String, Integer>> risky = new HashMap<>();
    Map<Language, Map<String, Integer>> added = new HashMap<>();
    Map<Language, Map<String, Integer>> removed = new HashMap<>();
    for (FixDelta d : deltas) {
      Map<String, Integer> r = risky.computeIfAbsent(d.language(), l -> new HashMap<>());
      for (String api : d.vulnerable()) r.merge(api, 1, Integer::sum);
      for (String api : d.removed()) {
        r.merge(api, REMOVED_WEIGHT, Integer::sum);
        removed.computeIfAbsent(d.language(), l -> new HashMap<>()).merge(api, 1, Integer::sum);
      }
      for (String api : d.added()) added.computeIfAbsent(d.language(), l -> new HashMap<>()).merge(api, 1, Integer::sum);
    }
    Map<String, ApiSet> out = new TreeMap<>();
    for (Language lang : Language.values()) {
      Map<String, Integer> r = risky.getOrDefault(lang, Map.of());
      Map<String, Integer> rem = removed.getOrDefault(lang, Map.of());
      Map<String, Integer> s = new HashMap<>(added.getOrDefault(lang, Map.of()));
      s.keySet().removeIf(rem::containsKey);
      List<String> riskyList = top(r, MAX_RISKY);
      List<String> safeList = top(s, MAX_SAFE);
      if (!riskyList.isEmpty() || !safeList.isEmpty()) out.put(lang.id(), new ApiSet(riskyList, safeList));
    }
    return out;
  }

  /** The keys by count, highest first, ties by name so that the output is deterministic. */
  static List<String> top(Map<String, Integer> counts, int n) {
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(Map.Entry::getKey)
        .toList();
  }
}
