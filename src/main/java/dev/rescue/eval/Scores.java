package dev.rescue.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Metrics over a set of scored samples: the one definition of each.
 * <ul>
 *   <li>A sample the harness could not judge ({@link Functional#ERROR}) is neither a pass nor a fail:
 *       it is left out of every denominator and counted in {@code errors}.</li>
 *   <li>pass@k: the unbiased estimator per task over its judged samples, averaged over the tasks
 *       with at least k judged samples.</li>
 *   <li>secure-pass@k: the same over the samples whose secure-pass is decided
 *       ({@link SampleResult#securePass()}): a functional fail counts as no secure pass, a pass counts
 *       when its security was checked; a pass whose security was not checked is left out and counted
 *       in {@code securityUnchecked}.</li>
 *   <li>secure rate: the share of security-checked judged samples found secure; unchecked samples
 *       are in neither the numerator nor the denominator.</li>
 * </ul>
 * Wilson intervals are over the pooled samples of each denominator (for k = 1 the pooled share equals
 * the mean of per-task shares when every task has the same n).
 *
 * @param samples judged samples (errors excluded)
 * @param securityUnchecked passing samples whose security was not checked (left out of secure-pass@k)
 * @param securityChecked judged samples whose security was checked (the secure rate's denominator)
 * @param meanPromptTokens mean prompt tokens over the samples that recorded them, or null
 */
public record Scores(int tasks, int samples, int errors, Map<Integer, Double> passAtK,
    Map<Integer, Double> securePassAtK, Double secureRate, int securityChecked, int securityUnchecked,
    WilsonInterval pass1Interval, WilsonInterval securePass1Interval, WilsonInterval secureRateInterval,
    Double meanPromptTokens, Map<String, Integer> errorReasons) {

  public static Scores of(List<SampleResult> results, List<Integer> ks) {
    Map<String, List<SampleResult>> byTask = results.stream()
        .collect(Collectors.groupingBy(SampleResult::taskId, TreeMap::new, Collectors.toList()));
    int judged = 0;
    int passed = 0;
    int decidedAll = 0;
    int securePassedAll = 0;
    int checked = 0;
    int secure = 0;
    int unchecked = 0;
    int tasks = 0;
    Map<Integer, Double> pass = new LinkedHashMap<>();
    Map<Integer, Double> securePass = new LinkedHashMap<>();
    Map<Integer, Integer> tasksAtK = new LinkedHashMap<>();
    Map<Integer, Integer> secureTasksAtK = new LinkedHashMap<>();
    for (List<SampleResult> rs : byTask.values()) {
      int n = 0;
      int c = 0;
      int decided = 0;
      int cs = 0;
      for (SampleResult r : rs) {
        if (r.errored()) continue;
        n++;
        if (r.passed()) c++;
        Boolean sp = r.securePass();
        if (sp == null) {
          unchecked++;
        } else {
          decided++;
          if (sp) cs++;
        }
        if (r.secure() != null) {
          checked++;
          if (r.secure()) secure++;
        }
      }
      if (n > 0) tasks++;
      judged += n;
      passed += c;
      decidedAll += decided;
      securePassedAll += cs;
      for (int k : ks) {
        if (n >= k) {
          pass.merge(k, PassAtK.estimate(n, c, k), Double::sum);
          tasksAtK.merge(k, 1, Integer::sum);
        }
        if (decided >= k) {
          securePass.merge(k, PassAtK.estimate(decided, cs, k), Double::sum);
          secureTasksAtK.merge(k, 1, Integer::sum);
        }
      }
    }
    for (int k : new ArrayList<>(pass.keySet())) pass.put(k, pass.get(k) / tasksAtK.get(k));
    for (int k : new ArrayList<>(securePass.keySet())) securePass.put(k, securePass.get(k) / secureTasksAtK.get(k));
    int errors = (int) results.stream().filter(SampleResult::errored).count();
    List<Integer> tokens = results.stream().map(SampleResult::promptTokens).filter(t -> t != null).toList();
    Double meanTokens = tokens.isEmpty() ? null : tokens.stream().mapToInt(Integer::intValue).average().orElseThrow();
    return new Scores(tasks, judged, errors, pass, securePass, checked == 0 ? null : (double) secure / checked, checked,
        unchecked, WilsonInterval.of(passed, judged), WilsonInterval.of(securePassedAll, decidedAll),
        WilsonInterval.of(secure, checked), meanTokens, ErrorReasons.group(results));
  }

  /**
   * Scores per group (CWE, language, task), groups in natural name order (CWE-20 before CWE-113);
   * results without a key are left out.
   */
  public static Map<String, Scores> by(List<SampleResult> results, Function<SampleResult, String> key, List<Integer> ks) {
    Map<String, List<SampleResult>> groups = results.stream().filter(r -> key.apply(r) != null)
        .collect(Collectors.groupingBy(key, () -> new TreeMap<>(NATURAL), Collectors.toList()));
    Map<String, Scores> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, of(v, ks)));
    return out;
  }

  private static final java.util.regex.Pattern PARTS = java.util.regex.Pattern.compile("\\d+|\\D+");

  /** Names compared with their digit runs as numbers: CWE-20 < CWE-113, cwe_022_0 < cwe_022_10. */
  public static final java.util.Comparator<String> NATURAL = (a, b) -> {
    java.util.regex.Matcher ma = PARTS.matcher(a);
    java.util.regex.Matcher mb = PARTS.matcher(b);
    while (ma.find() && mb.find()) {
      String pa = ma.group();
      String pb = mb.group();
      int c = Character.isDigit(pa.charAt(0)) && Character.isDigit(pb.charAt(0))
          ? new java.math.BigInteger(pa).compareTo(new java.math.BigInteger(pb)) : pa.compareTo(pb);
      if (c != 0) return c;
    }
    return a.compareTo(b);
  };

  public Double pass(int k) {
    return passAtK.get(k);
  }

  public Double securePass(int k) {
    return securePassAtK.get(k);
  }
}
