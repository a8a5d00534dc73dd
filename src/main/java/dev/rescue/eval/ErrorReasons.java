package dev.rescue.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The distinct reasons samples errored, with their counts: what to fix before a rerun. Sample
 * folder names differ for every sample, so they are replaced by {@code <sample>} to group alike
 * reasons.
 */
public final class ErrorReasons {
  private static final Pattern SAMPLE_DIR = Pattern.compile("/\\S*?rescue-sandbox-[^/\\s]*/s[^/\\s:]*");
  private static final int MAX_LENGTH = 300;

  private ErrorReasons() {}

  /** Reason to count, most frequent first (ties in name order). */
  public static Map<String, Integer> group(List<SampleResult> results) {
    Map<String, Integer> counts = new TreeMap<>();
    for (SampleResult r : results) if (r.errored()) counts.merge(normalise(r.reason()), 1, Integer::sum);
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static String normalise(String reason) {
    if (reason == null || reason.isBlank()) return "(no reason given)";
    String r = SAMPLE_DIR.matcher(reason.strip().replace('\n', ' ')).replaceAll("<sample>");
    return r.length() > MAX_LENGTH ? r.substring(0, MAX_LENGTH) + "..." : r;
  }
}
