package dev.rescue.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.TreeSet;

/**
 * Writes {@code summary.json}, {@code report.md} and {@code report.html} (charts as inline SVG, no
 * network) from every result in the run folder. The top-level figures are those of the run's method;
 * every method found in results.jsonl is reported under {@code methods}, and functional retention
 * (pass@1 of a method over pass@1 of {@code none} on the tasks both scored) when {@code none} is there.
 */
public final class EvalReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the run knew besides the results. */
  public record Context(String benchmark, String method, List<Integer> ks, Map<String, String> skipped,
      List<String> problems, Map<String, Object> sandbox, Map<String, Object> toolchain, List<String> oracles,
      List<String> compatibility, double seconds, int scoredThisRun) {}

  private EvalReport() {}

  public static ObjectNode write(Path out, List<SampleResult> results, Context ctx) {
    Map<String, List<SampleResult>> byMethod = new LinkedHashMap<>();
    for (SampleResult r : results) byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r);
    List<SampleResult> mine = byMethod.getOrDefault(ctx.method(), List.of());
    ObjectNode s = JSON.createObjectNode();
    s.put("benchmark", ctx.benchmark());
    s.put("method", ctx.method());
    putScores(s, Scores.of(mine, ctx.ks()), ctx.ks());
    ObjectNode perCwe = s.putObject("per_cwe");
    Scores.by(mine, SampleResult::cwe, ctx.ks()).forEach((k, v) -> putScores(perCwe.putObject(k), v, ctx.ks()));
    ObjectNode perLang = s.putObject("per_language");
    Scores.by(mine, SampleResult::language, ctx.ks()).forEach((k, v) -> putScores(perLang.putObject(k), v, ctx.ks()));
    ObjectNode perTask = s.putObject("per_task");
    Scores.by(mine, SampleResult::taskId, ctx.ks()).forEach((k, v) -> putScores(perTask.putObject(k), v, ctx.ks()));
    ObjectNode skipped = s.putObject("skipped");
    ctx.skipped().forEach(skipped::put);
    s.set("problems", JSON.valueToTree(ctx.problems()));
    Map<String, Integer> oracleCounts = new java.util.TreeMap<>();
    for (SampleResult r : mine) oracleCounts.merge(r.oracle(), 1, Integer::sum);
    ObjectNode oracles = s.putObject("oracles");
    oracles.set("available", JSON.valueToTree(ctx.oracles()));
    oracles.set("used", JSON.valueToTree(oracleCounts));
    ObjectNode methods = s.putObject("methods");
    byMethod.forEach((m, rs) -> putScores(methods.putObject(m), Scores.of(rs, ctx.ks()), ctx.ks()));
    if (byMethod.containsKey("none")) {
      ObjectNode retention = s.putObject("functional_retention");
      for (var e : byMethod.entrySet()) {
        if (e.getKey().equals("none")) continue;
        Double r = retention(byMethod.get("none"), e.getValue(), ctx.ks());
        if (r == null) retention.putNull(e.getKey());
        else retention.put(e.getKey(), r);
      }
    }
    s.set("sandbox", JSON.valueToTree(ctx.sandbox()));
    s.set("toolchain", JSON.valueToTree(ctx.toolchain()));
    s.set("compatibility_modules", JSON.valueToTree(ctx.compatibility()));
    s.put("seconds", Math.round(ctx.seconds() * 10) / 10.0);
    s.put("scored_this_run", ctx.scoredThisRun());
    s.put("samples_per_second", ctx.seconds() > 0 ? Math.round(ctx.scoredThisRun() / ctx.seconds() * 1000) / 1000.0 : 0);
    try {
      Files.createDirectories(out);
      JSON.writeValue(out.resolve("summary.json").toFile(), s);
      Files.writeString(out.resolve("report.md"), markdown(s, mine, ctx), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("report.html"), html(s, byMethod, ctx), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write reports into " + out + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** pass@1 of {@code method} over pass@1 of {@code none}, on the tasks both scored; null when none passes. */
  static Double retention(List<SampleResult> none, List<SampleResult> method, List<Integer> ks) {
    var tasks = new TreeSet<String>();
    none.forEach(r -> tasks.add(r.taskId()));
    var common = new TreeSet<String>();
    method.forEach(r -> {
      if (tasks.contains(r.taskId())) common.add(r.taskId());
    });
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

  private static String pct(com.fasterxml.jackson.databind.JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.1f%%", v.asDouble() * 100);
  }

  private static String markdown(ObjectNode s, List<SampleResult> mine, Context ctx) {
    StringBuilder b = new StringBuilder();
    b.append("# rescue eval: ").append(ctx.benchmark()).append(" (method ").append(ctx.method()).append(")\n\n");
    b.append("| scope | tasks | samples | pass@1 | secure-pass@1 | secure rate |\n|---|---|---|---|---|---|\n");
    row(b, "total", s);
    s.path("per_language").fields().forEachRemaining(e -> row(b, e.getKey(), e.getValue()));
    b.append("\n## Per CWE\n\n| CWE | tasks | samples | pass@1 | secure-pass@1 | secure rate |\n|---|---|---|---|---|---|\n");
    s.path("per_cwe").fields().forEachRemaining(e -> row(b, e.getKey(), e.getValue()));
    if (s.path("methods").size() > 1) {
      b.append("\n## Methods\n\n| method | tasks | samples | pass@1 | secure-pass@1 | secure rate |\n|---|---|---|---|---|---|\n");
      s.path("methods").fields().forEachRemaining(e -> row(b, e.getKey(), e.getValue()));
      if (s.has("functional_retention")) {
        b.append("\nFunctional retention vs none: ").append(s.get("functional_retention")).append('\n');
      }
    }
    b.append("\n## Oracles\n\n").append(s.path("oracles")).append("\n\nSandbox: ").append(s.path("sandbox")).append('\n');
    b.append("\nCompatibility modules: ").append(String.join("; ", ctx.compatibility())).append('\n');
    b.append("\n## Skipped tasks (not counted)\n\n");
    if (ctx.skipped().isEmpty()) b.append("none\n");
    ctx.skipped().forEach((k, v) -> b.append("- `").append(k).append("`: ").append(v).append('\n'));
    if (!ctx.problems().isEmpty()) {
      b.append("\n## Problems\n\n");
      ctx.problems().forEach(p -> b.append("- ").append(p).append('\n'));
    }
    b.append("\n## Samples that did not pass both\n\n");
    int shown = 0;
    for (SampleResult r : mine) {
      if (r.securePassed()) continue;
      if (shown++ == 200) {
        b.append("- ... (see results.jsonl)\n");
        break;
      }
      b.append("- `").append(r.taskId()).append("#").append(r.sample()).append("` functional=")
          .append(r.functional().json()).append(" secure=").append(r.secure()).append(": ")
          .append(r.reason() == null ? "" : r.reason().replace('\n', ' ')).append('\n');
    }
    b.append(String.format(Locale.ROOT, "\n%d samples scored in this run in %.1f s.\n", ctx.scoredThisRun(), ctx.seconds()));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, com.fasterxml.jackson.databind.JsonNode o) {
    b.append("| ").append(name).append(" | ").append(o.path("tasks").asInt()).append(" | ")
        .append(o.path("samples").asInt()).append(" | ").append(pct(o.get("pass@1"))).append(" | ")
        .append(pct(o.get("secure_pass@1"))).append(" | ").append(pct(o.get("secure_rate"))).append(" |\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Grouped horizontal bars: one group per label, one bar per series, values in [0, 1]. */
  static String bars(List<String> labels, Map<String, List<Double>> series) {
    String[] colours = {"#4c78a8", "#54a24b", "#f58518", "#e45756", "#72b7b2", "#b279a2"};
    int barH = 10;
    int groupH = series.size() * barH + 8;
    int left = 160;
    int width = 460;
    int height = labels.size() * groupH + 30;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + width + 60).append("\" height=\"")
        .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">");
    int si = 0;
    for (String name : series.keySet()) {
      b.append("<rect x=\"").append(left + si * 150).append("\" y=\"2\" width=\"10\" height=\"10\" fill=\"")
          .append(colours[si % colours.length]).append("\"/><text x=\"").append(left + si * 150 + 14)
          .append("\" y=\"11\">").append(esc(name)).append("</text>");
      si++;
    }
    for (int i = 0; i < labels.size(); i++) {
      int y = 20 + i * groupH;
      b.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + groupH / 2).append("\" text-anchor=\"end\">")
          .append(esc(labels.get(i))).append("</text>");
      int j = 0;
      for (var e : series.entrySet()) {
        Double v = e.getValue().get(i);
        double w = v == null ? 0 : v * width;
        b.append("<rect x=\"").append(left).append("\" y=\"").append(y + j * barH).append("\" width=\"")
            .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(barH - 1).append("\" fill=\"")
            .append(colours[j % colours.length]).append("\"><title>").append(esc(e.getKey())).append(": ")
            .append(v == null ? "-" : String.format(Locale.ROOT, "%.3f", v)).append("</title></rect>");
        j++;
      }
    }
    return b.append("</svg>").toString();
  }

  private static String html(ObjectNode s, Map<String, List<SampleResult>> byMethod, Context ctx) {
    StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>rescue eval</title>"
        + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        + "padding:2px 8px}</style></head><body>");
    b.append("<h1>rescue eval: ").append(esc(ctx.benchmark())).append(" (method ").append(esc(ctx.method())).append(")</h1>");
    b.append("<pre>").append(esc(markdown(s, byMethod.getOrDefault(ctx.method(), List.of()), ctx)
        .lines().limit(8).reduce("", (a, c) -> a + c + "\n"))).append("</pre>");
    List<String> cwes = new ArrayList<>();
    List<Double> pass = new ArrayList<>();
    List<Double> secure = new ArrayList<>();
    s.path("per_cwe").fields().forEachRemaining(e -> {
      cwes.add(e.getKey());
      pass.add(e.getValue().path("pass@1").isNumber() ? e.getValue().path("pass@1").asDouble() : null);
      secure.add(e.getValue().path("secure_pass@1").isNumber() ? e.getValue().path("secure_pass@1").asDouble() : null);
    });
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("pass@1", pass);
    series.put("secure-pass@1", secure);
    b.append("<h2>Per CWE: pass@1 vs secure-pass@1</h2>").append(bars(cwes, series));
    List<String> methods = new ArrayList<>(byMethod.keySet());
    Map<String, List<Double>> mSeries = new LinkedHashMap<>();
    mSeries.put("pass@1", new ArrayList<>());
    mSeries.put("secure-pass@1", new ArrayList<>());
    mSeries.put("secure rate", new ArrayList<>());
    for (String m : methods) {
      var o = s.path("methods").path(m);
      mSeries.get("pass@1").add(o.path("pass@1").isNumber() ? o.path("pass@1").asDouble() : null);
      mSeries.get("secure-pass@1").add(o.path("secure_pass@1").isNumber() ? o.path("secure_pass@1").asDouble() : null);
      mSeries.get("secure rate").add(o.path("secure_rate").isNumber() ? o.path("secure_rate").asDouble() : null);
    }
    b.append("<h2>Methods side by side</h2>").append(bars(methods, mSeries));
    b.append("<h2>Skipped</h2><ul>");
    ctx.skipped().forEach((k, v) -> b.append("<li><code>").append(esc(k)).append("</code>: ").append(esc(v)).append("</li>"));
    b.append("</ul><h2>Summary</h2><pre>").append(esc(s.toPrettyString())).append("</pre></body></html>");
    return b.toString();
  }
}
