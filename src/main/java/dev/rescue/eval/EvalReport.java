package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes {@code summary.json}, {@code report.md} and {@code report.html} (charts as inline SVG, no
 * network) from every result in the run folder. Every method found in results.jsonl is scored, the
 * run's methods first in their order; the comparison table has one row per method. The top-level
 * figures of summary.json are those of the run's first method. The figures follow the rules of
 * {@link Scores}, stated in every report ({@link #RULES}).
 */
public final class EvalReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String BASE_METHOD = "none";

  /** How the figures are counted: the rules of {@link Scores} and {@link SampleResult#securePass()}, for readers. */
  public static final List<String> RULES = List.of(
      "An error (the harness could not judge or generate the sample) is neither a pass nor a fail: it is left out"
          + " of every denominator, counted under errors, and retried by a rerun.",
      "pass@k: unbiased estimator per task over its judged samples, averaged over tasks with at least k of them.",
      "SP@k (secure-pass@k): the same over samples whose secure-pass is decided: a functional fail counts as no"
          + " secure pass; a pass counts when its security was checked; a pass whose security was not checked is"
          + " left out and counted under 'sec. unchecked'.",
      "SecureRate: share of security-checked samples found secure; unchecked samples are in neither part.",
      "Functional retention: pass@1 of the method over pass@1 of none, on the tasks both judged.",
      "Prompt tokens: o200k tokens of the final generation prompt (message contents), mean over generated samples.",
      "Skipped: samples of tasks this machine cannot run (missing runtime, package or tool), never counted as fails;"
          + " '-' for methods scored by an earlier run into the same folder.");

  /**
   * What the run knew besides the results.
   *
   * @param methods the run's methods, in order (the report adds any other method found in the results)
   * @param skippedSamples per method, samples not scored because their task was skipped
   */
  public record Context(String benchmark, List<String> methods, List<Integer> ks, Map<String, String> skipped,
      Map<String, Integer> skippedSamples, List<String> problems, Map<String, Object> sandbox,
      Map<String, Object> toolchain, List<String> oracles, List<String> compatibility, double seconds,
      int scoredThisRun, List<String> notes) {
    public Context {
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Without the benchmark's notes (see {@link Benchmark#notes()}). */
    public Context(String benchmark, List<String> methods, List<Integer> ks, Map<String, String> skipped,
        Map<String, Integer> skippedSamples, List<String> problems, Map<String, Object> sandbox,
        Map<String, Object> toolchain, List<String> oracles, List<String> compatibility, double seconds,
        int scoredThisRun) {
      this(benchmark, methods, ks, skipped, skippedSamples, problems, sandbox, toolchain, oracles, compatibility,
          seconds, scoredThisRun, List.of());
    }
  }

  private EvalReport() {}

  public static ObjectNode write(Path out, List<SampleResult> results, Context ctx) {
    Map<String, List<SampleResult>> byMethod = byMethod(results, ctx.methods());
    ObjectNode s = summary(byMethod, ctx);
    try {
      Files.createDirectories(out);
      JSON.writeValue(out.resolve("summary.json").toFile(), s);
      Files.writeString(out.resolve("report.md"), markdown(s, byMethod, ctx), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("report.html"), html(s, byMethod, ctx), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write reports into " + out + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** Results per method: the run's methods in their order, then the others found, by name. */
  static Map<String, List<SampleResult>> byMethod(List<SampleResult> results, List<String> runMethods) {
    Map<String, List<SampleResult>> byMethod = new LinkedHashMap<>();
    for (String m : runMethods) byMethod.put(m, new ArrayList<>());
    new TreeSet<>(results.stream().map(SampleResult::method).toList()).forEach(m -> byMethod.putIfAbsent(m, new ArrayList<>()));
    for (SampleResult r : results) byMethod.get(r.method()).add(r);
    return byMethod;
  }

  static ObjectNode summary(Map<String, List<SampleResult>> byMethod, Context ctx) {
    String first = ctx.methods().isEmpty() ? byMethod.keySet().stream().findFirst().orElse("none") : ctx.methods().get(0);
    List<SampleResult> mine = byMethod.getOrDefault(first, List.of());
    ObjectNode s = JSON.createObjectNode();
    s.put("benchmark", ctx.benchmark());
    s.put("method", first);
    s.set("methods_run", JSON.valueToTree(ctx.methods()));
    putScores(s, Scores.of(mine, ctx.ks()), ctx.ks());
    putGroups(s, mine, ctx.ks(), true);
    s.set("metric_rules", JSON.valueToTree(RULES));
    ObjectNode skipped = s.putObject("skipped");
    ctx.skipped().forEach(skipped::put);
    s.set("skipped_samples", JSON.valueToTree(ctx.skippedSamples()));
    s.set("problems", JSON.valueToTree(ctx.problems()));
    Map<String, Integer> oracleCounts = new java.util.TreeMap<>();
    for (SampleResult r : mine) oracleCounts.merge(r.oracle(), 1, Integer::sum);
    ObjectNode oracles = s.putObject("oracles");
    oracles.set("available", JSON.valueToTree(ctx.oracles()));
    oracles.set("used", JSON.valueToTree(oracleCounts));
    ObjectNode methods = s.putObject("methods");
    byMethod.forEach((m, rs) -> {
      ObjectNode o = methods.putObject(m);
      putScores(o, Scores.of(rs, ctx.ks()), ctx.ks());
      putGroups(o, rs, ctx.ks(), false);
      ObjectNode repair = repair(rs);
      if (repair != null) o.set("repair", repair);
    });
    ArrayNode comparison = s.putArray("comparison");
    ObjectNode retention = JSON.createObjectNode();
    for (var e : byMethod.entrySet()) {
      Scores sc = Scores.of(e.getValue(), List.of(1));
      ObjectNode row = comparison.addObject();
      row.put("method", e.getKey());
      row.put("tasks", sc.tasks());
      row.put("samples", sc.samples());
      put(row, "secure_pass@1", sc.securePass(1));
      put(row, "pass@1", sc.pass(1));
      put(row, "secure_rate", sc.secureRate());
      // the base's retention against itself says nothing: left empty
      Double r = byMethod.containsKey(BASE_METHOD) && !e.getKey().equals(BASE_METHOD)
          ? retention(byMethod.get(BASE_METHOD), e.getValue(), List.of(1)) : null;
      put(row, "functional_retention", r);
      if (!e.getKey().equals(BASE_METHOD) && byMethod.containsKey(BASE_METHOD)) put(retention, e.getKey(), r);
      if (sc.meanPromptTokens() == null) row.putNull("mean_prompt_tokens");
      else row.put("mean_prompt_tokens", Math.round(sc.meanPromptTokens() * 10) / 10.0);
      row.put("errors", sc.errors());
      row.put("security_unchecked", sc.securityUnchecked());
      // skips are known for this run's methods only; an earlier run's are not in results.jsonl
      if (ctx.methods().contains(e.getKey())) row.put("skipped", ctx.skippedSamples().getOrDefault(e.getKey(), 0));
      else row.putNull("skipped");
    }
    if (byMethod.containsKey(BASE_METHOD)) s.set("functional_retention", retention);
    s.set("notes", JSON.valueToTree(ctx.notes()));
    s.set("sandbox", JSON.valueToTree(ctx.sandbox()));
    s.set("toolchain", JSON.valueToTree(ctx.toolchain()));
    s.set("compatibility_modules", JSON.valueToTree(ctx.compatibility()));
    s.put("seconds", Math.round(ctx.seconds() * 10) / 10.0);
    s.put("scored_this_run", ctx.scoredThisRun());
    s.put("samples_per_second", ctx.seconds() > 0 ? Math.round(ctx.scoredThisRun() / ctx.seconds() * 1000) / 1000.0 : 0);
    return s;
  }

  /**
   * What the repair loop did over a method's samples, or null when none went through it: how many
   * had findings as generated, how many of those were changed and how many came out with none, and
   * the mean repair rounds and tokens per sample (every sample, the clean ones' zeros included).
   */
  static ObjectNode repair(List<SampleResult> rs) {
    List<SampleRepair> reps = rs.stream().map(SampleResult::repair).filter(r -> r != null).toList();
    if (reps.isEmpty()) return null;
    ObjectNode o = JSON.createObjectNode();
    o.put("samples", reps.size());
    List<SampleRepair> flagged = reps.stream().filter(r -> r.findingsFirst() > 0).toList();
    o.put("flagged_as_generated", flagged.size());
    o.put("replaced", flagged.stream().filter(r -> r.kept() > 0).count());
    o.put("clean_after_repair", flagged.stream().filter(r -> r.findingsKept() == 0).count());
    o.put("mean_rounds", Math.round(reps.stream().mapToInt(SampleRepair::rounds).average().orElse(0) * 100) / 100.0);
    o.put("mean_tokens", Math.round(reps.stream().mapToInt(SampleRepair::tokens).average().orElse(0) * 10) / 10.0);
    Map<String, Integer> stops = new java.util.TreeMap<>();
    reps.forEach(r -> stops.merge(r.stop(), 1, Integer::sum));
    o.set("stops", JSON.valueToTree(stops));
    return o;
  }

  private static void putGroups(ObjectNode o, List<SampleResult> rs, List<Integer> ks, boolean perTask) {
    group(o.putObject("per_cwe"), rs, SampleResult::cwe, ks);
    group(o.putObject("per_language"), rs, r -> r.language() == null ? null : r.language().id(), ks);
    if (perTask) group(o.putObject("per_task"), rs, SampleResult::taskId, ks);
  }

  private static void group(ObjectNode into, List<SampleResult> rs, Function<SampleResult, String> key, List<Integer> ks) {
    Scores.by(rs, key, ks).forEach((k, v) -> putScores(into.putObject(k), v, ks));
  }

  /**
   * pass@1 of {@code method} over pass@1 of {@code none}, on the tasks both judged (errors left out);
   * null when there are none in common or none passes there.
   */
  static Double retention(List<SampleResult> none, List<SampleResult> method, List<Integer> ks) {
    Set<String> judgedNone = new TreeSet<>();
    none.stream().filter(r -> !r.errored()).forEach(r -> judgedNone.add(r.taskId()));
    Set<String> common = new TreeSet<>();
    method.stream().filter(r -> !r.errored() && judgedNone.contains(r.taskId())).forEach(r -> common.add(r.taskId()));
    Double base = Scores.of(none.stream().filter(r -> common.contains(r.taskId())).toList(), List.of(1)).pass(1);
    Double m = Scores.of(method.stream().filter(r -> common.contains(r.taskId())).toList(), List.of(1)).pass(1);
    if (base == null || m == null || base == 0) return null;
    return m / base;
  }

  private static void putScores(ObjectNode o, Scores sc, List<Integer> ks) {
    o.put("tasks", sc.tasks());
    o.put("samples", sc.samples());
    o.put("errors", sc.errors());
    for (int k : ks) {
      put(o, "pass@" + k, sc.pass(k));
      put(o, "secure_pass@" + k, sc.securePass(k));
    }
    put(o, "secure_rate", sc.secureRate());
    o.put("security_checked", sc.securityChecked());
    o.put("security_unchecked", sc.securityUnchecked());
    if (sc.meanPromptTokens() == null) o.putNull("mean_prompt_tokens");
    else o.put("mean_prompt_tokens", Math.round(sc.meanPromptTokens() * 10) / 10.0);
    o.set("error_reasons", JSON.valueToTree(sc.errorReasons()));
    o.set("pass@1_ci95", JSON.valueToTree(List.of(round(sc.pass1Interval().low()), round(sc.pass1Interval().high()))));
    o.set("secure_pass@1_ci95", JSON.valueToTree(List.of(round(sc.securePass1Interval().low()), round(sc.securePass1Interval().high()))));
  }

  private static void put(ObjectNode o, String field, Double v) {
    if (v == null) o.putNull(field);
    else o.put(field, round(v));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static String pct(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.1f%%", v.asDouble() * 100);
  }

  private static String num(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.1f", v.asDouble());
  }

  private static String count(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? "-" : String.valueOf(v.asInt());
  }

  private static final String COMPARISON_HEAD = "| method | SP@1 | pass@1 | SecureRate | retention vs none | "
      + "mean prompt tokens | tasks | samples | errors | sec. unchecked | skipped |\n"
      + "|---|---|---|---|---|---|---|---|---|---|---|\n";

  /** The comparison table of a summary, one row per method, as Markdown (also printed by the command). */
  public static String comparisonMarkdown(JsonNode summary) {
    StringBuilder b = new StringBuilder(COMPARISON_HEAD);
    for (JsonNode row : summary.path("comparison")) {
      b.append("| ").append(row.path("method").asText()).append(" | ").append(pct(row.get("secure_pass@1")))
          .append(" | ").append(pct(row.get("pass@1"))).append(" | ").append(pct(row.get("secure_rate")))
          .append(" | ").append(pct(row.get("functional_retention"))).append(" | ").append(num(row.get("mean_prompt_tokens")))
          .append(" | ").append(row.path("tasks").asInt()).append(" | ").append(row.path("samples").asInt())
          .append(" | ").append(row.path("errors").asInt()).append(" | ").append(row.path("security_unchecked").asInt())
          .append(" | ").append(count(row.get("skipped"))).append(" |\n");
    }
    return b.toString();
  }

  /** The repair methods' loops, when the run has any: what they found, fixed and spent. */
  private static void repairTable(StringBuilder b, JsonNode s) {
    List<String> methods = new ArrayList<>();
    s.path("methods").fieldNames().forEachRemaining(m -> {
      if (s.path("methods").path(m).has("repair")) methods.add(m);
    });
    if (methods.isEmpty()) return;
    b.append("\n## Repair\n\nSamples with findings as generated, how many of them the loop replaced and how many came"
        + " out with none; mean repair rounds and tokens (o200k, prompts and answers) per sample.\n\n"
        + "| method | samples | flagged | replaced | clean after | mean rounds | mean tokens | stops |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (String m : methods) {
      JsonNode r = s.path("methods").path(m).path("repair");
      b.append("| ").append(m).append(" | ").append(r.path("samples").asInt()).append(" | ")
          .append(r.path("flagged_as_generated").asInt()).append(" | ").append(r.path("replaced").asInt()).append(" | ")
          .append(r.path("clean_after_repair").asInt()).append(" | ").append(r.path("mean_rounds").asDouble())
          .append(" | ").append(r.path("mean_tokens").asDouble()).append(" | ");
      List<String> stops = new ArrayList<>();
      r.path("stops").fields().forEachRemaining(e -> stops.add(e.getKey() + " " + e.getValue().asInt()));
      b.append(String.join(", ", stops)).append(" |\n");
    }
  }

  /** A table of one figure per group (CWE, language) and method: "SP@1 / pass@1" in each cell. */
  private static void groupTable(StringBuilder b, JsonNode s, String group, String title) {
    List<String> methods = new ArrayList<>();
    s.path("methods").fieldNames().forEachRemaining(methods::add);
    Set<String> keys = new TreeSet<>(Scores.NATURAL);
    for (String m : methods) s.path("methods").path(m).path(group).fieldNames().forEachRemaining(keys::add);
    b.append("\n## ").append(title).append(": SP@1 / pass@1 (samples)\n\n| ").append(group.equals("per_cwe") ? "CWE" : "language");
    methods.forEach(m -> b.append(" | ").append(m));
    b.append(" |\n|---");
    methods.forEach(m -> b.append("|---"));
    b.append("|\n");
    for (String k : keys) {
      b.append("| ").append(k);
      for (String m : methods) {
        JsonNode o = s.path("methods").path(m).path(group).path(k);
        b.append(" | ").append(o.isMissingNode() ? "-" : pct(o.get("secure_pass@1")) + " / " + pct(o.get("pass@1"))
            + " (" + o.path("samples").asInt() + ")");
      }
      b.append(" |\n");
    }
  }

  static String markdown(JsonNode s, Map<String, List<SampleResult>> byMethod, Context ctx) {
    StringBuilder b = new StringBuilder();
    b.append("# rescue eval: ").append(ctx.benchmark()).append("\n\n");
    b.append("Methods run: ").append(String.join(", ", ctx.methods())).append("\n\n");
    // what the benchmark says a reader must know before comparing with published figures: first
    for (String n : ctx.notes()) b.append("> ").append(n).append("\n\n");
    b.append("## Comparison\n\n");
    b.append(comparisonMarkdown(s));
    b.append("\n### How the figures are counted\n\n");
    RULES.forEach(r -> b.append("- ").append(r).append('\n'));
    repairTable(b, s);
    groupTable(b, s, "per_language", "Per language");
    groupTable(b, s, "per_cwe", "Per CWE");
    b.append("\n## Errors (not counted as pass or fail)\n\n");
    boolean anyError = false;
    for (String m : byMethod.keySet()) {
      JsonNode reasons = s.path("methods").path(m).path("error_reasons");
      if (reasons.isEmpty()) continue;
      anyError = true;
      b.append("- ").append(m).append(":\n");
      reasons.fields().forEachRemaining(e -> b.append("  - ").append(e.getValue().asInt()).append(" x ")
          .append(e.getKey()).append('\n'));
    }
    if (!anyError) b.append("none\n");
    b.append("\n## Skipped tasks (not counted)\n\n");
    if (ctx.skipped().isEmpty()) b.append("none\n");
    ctx.skipped().forEach((k, v) -> b.append("- `").append(k).append("`: ").append(v).append('\n'));
    if (!ctx.problems().isEmpty()) {
      b.append("\n## Problems\n\n");
      ctx.problems().forEach(p -> b.append("- ").append(p).append('\n'));
    }
    b.append("\n## Oracles\n\n").append(s.path("oracles")).append("\n\nSandbox: ").append(s.path("sandbox")).append('\n');
    b.append("\nCompatibility modules: ").append(String.join("; ", ctx.compatibility())).append('\n');
    b.append("\n## Samples that were not secure passes\n\n");
    int shown = 0;
    outer:
    for (var e : byMethod.entrySet()) {
      for (SampleResult r : e.getValue()) {
        if (r.securePassed()) continue;
        if (shown++ == 200) {
          b.append("- ... (see results.jsonl)\n");
          break outer;
        }
        b.append("- ").append(e.getKey()).append(" `").append(r.taskId()).append("#").append(r.sample())
            .append("` functional=").append(r.functional().json()).append(" secure=").append(r.secure()).append(": ")
            .append(r.reason() == null ? "" : r.reason().replace('\n', ' ')).append('\n');
      }
    }
    if (shown == 0) b.append("none\n");
    b.append(String.format(Locale.ROOT, "\n%d samples scored in this run in %.1f s.\n", ctx.scoredThisRun(), ctx.seconds()));
    return b.toString();
  }

  private static String esc(String s) {
    return SvgBars.esc(s);
  }

  private static Double value(JsonNode o, String field) {
    JsonNode v = o.path(field);
    return v.isNumber() ? v.asDouble() : null;
  }

  /** One chart of a figure per group and method: groups are CWEs or languages, series the methods. */
  private static String groupChart(JsonNode s, String group, String field, String title) {
    List<String> methods = new ArrayList<>();
    s.path("methods").fieldNames().forEachRemaining(methods::add);
    Set<String> keys = new TreeSet<>(Scores.NATURAL);
    for (String m : methods) s.path("methods").path(m).path(group).fieldNames().forEachRemaining(keys::add);
    List<String> labels = new ArrayList<>(keys);
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String m : methods) {
      List<Double> vs = new ArrayList<>();
      for (String k : labels) vs.add(value(s.path("methods").path(m).path(group).path(k), field));
      series.put(m, vs);
    }
    return SvgBars.chart(title, labels, series);
  }

  static String html(JsonNode s, Map<String, List<SampleResult>> byMethod, Context ctx) {
    StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>rescue eval: " + esc(ctx.benchmark()) + "</title><style>body{font-family:sans-serif;margin:2em;"
        + "max-width:1100px}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
        + "text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
        + ".charts{display:flex;flex-wrap:wrap;gap:1.5em}svg{display:block}li{margin:2px 0}"
        + "pre{white-space:pre-wrap;font-size:11px}</style></head><body>");
    b.append("<h1>rescue eval: ").append(esc(ctx.benchmark())).append("</h1>");
    b.append("<p>Methods run: ").append(esc(String.join(", ", ctx.methods()))).append("</p>");
    for (String n : ctx.notes()) b.append("<blockquote>").append(esc(n)).append("</blockquote>");
    b.append("<h2>Comparison</h2><table><tr><th>method</th><th>SP@1</th><th>pass@1</th><th>SecureRate</th>"
        + "<th>retention vs none</th><th>mean prompt tokens</th><th>tasks</th><th>samples</th><th>errors</th>"
        + "<th>sec. unchecked</th><th>skipped</th></tr>");
    List<String> methods = new ArrayList<>();
    Map<String, List<Double>> mSeries = new LinkedHashMap<>();
    mSeries.put("SP@1", new ArrayList<>());
    mSeries.put("pass@1", new ArrayList<>());
    mSeries.put("SecureRate", new ArrayList<>());
    for (JsonNode row : s.path("comparison")) {
      methods.add(row.path("method").asText());
      mSeries.get("SP@1").add(value(row, "secure_pass@1"));
      mSeries.get("pass@1").add(value(row, "pass@1"));
      mSeries.get("SecureRate").add(value(row, "secure_rate"));
      b.append("<tr><td>").append(esc(row.path("method").asText())).append("</td><td>").append(pct(row.get("secure_pass@1")))
          .append("</td><td>").append(pct(row.get("pass@1"))).append("</td><td>").append(pct(row.get("secure_rate")))
          .append("</td><td>").append(pct(row.get("functional_retention"))).append("</td><td>")
          .append(num(row.get("mean_prompt_tokens"))).append("</td><td>").append(row.path("tasks").asInt())
          .append("</td><td>").append(row.path("samples").asInt()).append("</td><td>").append(row.path("errors").asInt())
          .append("</td><td>").append(row.path("security_unchecked").asInt()).append("</td><td>")
          .append(count(row.get("skipped"))).append("</td></tr>");
    }
    b.append("</table><details><summary>How the figures are counted</summary><ul>");
    RULES.forEach(r -> b.append("<li>").append(esc(r)).append("</li>"));
    b.append("</ul></details>");
    b.append("<h2>Methods side by side</h2>").append(SvgBars.chart("SP@1, pass@1 and SecureRate per method", methods, mSeries));
    b.append("<h2>Per language</h2><div class=\"charts\">")
        .append(groupChart(s, "per_language", "secure_pass@1", "SP@1 per language"))
        .append(groupChart(s, "per_language", "pass@1", "pass@1 per language")).append("</div>");
    b.append("<h2>Per CWE</h2><div class=\"charts\">")
        .append(groupChart(s, "per_cwe", "secure_pass@1", "SP@1 per CWE"))
        .append(groupChart(s, "per_cwe", "pass@1", "pass@1 per CWE")).append("</div>");
    b.append("<h2>Errors (not counted as pass or fail)</h2>");
    boolean anyError = false;
    for (String m : byMethod.keySet()) {
      JsonNode reasons = s.path("methods").path(m).path("error_reasons");
      if (reasons.isEmpty()) continue;
      anyError = true;
      b.append("<p>").append(esc(m)).append("</p><ul>");
      reasons.fields().forEachRemaining(e -> b.append("<li>").append(e.getValue().asInt()).append(" \u00d7 <code>")
          .append(esc(e.getKey())).append("</code></li>"));
      b.append("</ul>");
    }
    if (!anyError) b.append("<p>none</p>");
    b.append("<h2>Skipped tasks (not counted)</h2>");
    if (ctx.skipped().isEmpty()) b.append("<p>none</p>");
    else {
      b.append("<ul>");
      ctx.skipped().forEach((k, v) -> b.append("<li><code>").append(esc(k)).append("</code>: ").append(esc(v)).append("</li>"));
      b.append("</ul>");
    }
    if (!ctx.problems().isEmpty()) {
      b.append("<h2>Problems</h2><ul>");
      ctx.problems().forEach(p -> b.append("<li>").append(esc(p)).append("</li>"));
      b.append("</ul>");
    }
    b.append("<h2>Summary</h2><details><summary>summary.json</summary><pre>").append(esc(s.toPrettyString()))
        .append("</pre></details></body></html>");
    return b.toString();
  }
}
