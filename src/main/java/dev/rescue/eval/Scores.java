package dev.rescue.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Metrics over a set of scored samples. pass@k and secure-pass@k use the unbiased estimator per task
 * and are averaged over tasks (a task counts for k only when it has at least k judged samples); the
 * secure rate is the share of security-checked samples found secure. Wilson intervals are over the
 * pooled samples (for k = 1 the pooled share equals the mean of per-task shares when every task has
 * the same n). Samples the harness could not judge ({@code error}) are counted apart, not as fails.
 */
public record Scores(int tasks, int samples, int errors, Map<Integer, Double> passAtK,
    Map<Integer, Double> securePassAtK, Double secureRate, int securityChecked, WilsonInterval pass1Interval,
    WilsonInterval securePass1Interval, WilsonInterval secureRateInterval) {

  public static Scores of(List<SampleResult> results, List<Integer> ks) {
    Map<String, List<SampleResult>> byTask = results.stream()
        .collect(Collectors.groupingBy(SampleResult::taskId, TreeMap::new, Collectors.toList()));
    int judged = 0;
    int errors = 0;
    int passed = 0;
    int securePassed = 0;
    int checked = 0;
    int secure = 0;
    Map<Integer, Double> pass = new LinkedHashMap<>();
    Map<Integer, Double> securePass = new LinkedHashMap<>();
    Map<Integer, Integer> tasksAtK = new LinkedHashMap<>();
    for (List<SampleResult> rs : byTask.values()) {
      int n = 0;
      int c = 0;
      int cs = 0;
      for (SampleResult r : rs) {
        if (r.functional() == Functional.ERROR) {
          errors++;
          continue;
        }
        n++;
        if (r.passed()) c++;
        if (r.securePassed()) cs++;
        if (r.secure() != null) {
          checked++;
          if (r.secure()) secure++;
        }
      }
      judged += n;
      passed += c;
      securePassed += cs;
      for (int k : ks) {
        if (n < k) continue;
        pass.merge(k, PassAtK.estimate(n, c, k), Double::sum);
        securePass.merge(k, PassAtK.estimate(n, cs, k), Double::sum);
        tasksAtK.merge(k, 1, Integer::sum);
      }
    }
    for (int k : new ArrayList<>(pass.keySet())) {
      pass.put(k, pass.get(k) / tasksAtK.get(k));
      securePass.put(k, securePass.get(k) / tasksAtK.get(k));
    }
    int tasks = (int) byTask.values().stream().filter(rs -> rs.stream().anyMatch(r -> r.functional() != Functional.ERROR)).count();
    return new Scores(tasks, judged, errors, pass, securePass, checked == 0 ? null : (double) secure / checked, checked,
        WilsonInterval.of(passed, judged), WilsonInterval.of(securePassed, judged), WilsonInterval.of(secure, checked));
  }

  /** Scores per group (CWE, language, task), groups in name order; results without a key are left out. */
  public static Map<String, Scores> by(List<SampleResult> results, Function<SampleResult, String> key, List<Integer> ks) {
    Map<String, List<SampleResult>> groups = results.stream().filter(r -> key.apply(r) != null)
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    Map<String, Scores> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, of(v, ks)));
    return out;
  }

  public Double pass(int k) {
    return passAtK.get(k);
  }

  public Double securePass(int k) {
    return securePassAtK.get(k);
  }
}
