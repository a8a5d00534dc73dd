package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.testing.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of a fixed results.jsonl. report.md is compared with a golden file; regenerate it only
 * on purpose with {@code -Dgolden.update=true} (then review the diff). The figures are also
 * checked against values worked out by hand from the fixture.
 */
class EvalReportGoldenTest {
  static final Path FIXTURE = Path.of("src/test/resources/testdata/eval/report");
  static final ObjectMapper JSON = new ObjectMapper();

  static EvalReport.Context context() {
    Map<String, Object> sandbox = new LinkedHashMap<>();
    sandbox.put("network_isolated", true);
    sandbox.put("user_dropped", true);
    Map<String, Integer> skippedSamples = new LinkedHashMap<>();
    for (String m : List.of("none", "rescue", "rescue-no-guideline")) skippedSamples.put(m, 2);
    return new EvalReport.Context("cweval", List.of("none", "rescue", "rescue-no-guideline"), List.of(1),
        Map.of("core/go/cwe_079_0", "go not installed (Debian golang-go)"), skippedSamples, List.of(), sandbox,
        Map.of("python", "/usr/bin/python3"), List.of(), List.of("Crypto (alias of Debian's Cryptodome)"), 12.5, 18);
  }

  static Path write(Path dir) throws Exception {
    Path results = dir.resolve("results.jsonl");
    Files.copy(FIXTURE.resolve("results.jsonl"), results);
    Path out = dir.resolve("out");
    try (ResultsLog log = new ResultsLog(results)) {
      EvalReport.write(out, log.all(), context());
    }
    return out;
  }

  @Test
  void reportMarkdownMatchesTheGoldenFile(@TempDir Path dir) throws Exception {
    String actual = Files.readString(write(dir).resolve("report.md"), StandardCharsets.UTF_8);
    Path golden = FIXTURE.resolve("report.md");
    GoldenFiles.assertMatches(golden, actual);
  }

  @Test
  void comparisonFiguresAreThoseWorkedOutByHand(@TempDir Path dir) throws Exception {
    JsonNode s = JSON.readTree(write(dir).resolve("summary.json").toFile());
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    s.path("comparison").forEach(r -> rows.put(r.path("method").asText(), r));
    assertThat(rows.keySet()).containsExactly("none", "rescue", "rescue-no-guideline");
    JsonNode none = rows.get("none");
    // pass@1: cwe_020 2/2, cwe_022 0/1 (its error left out), cwe_078 1/2
    assertThat(none.path("pass@1").asDouble()).isCloseTo(0.5, within(1e-4));
    // SP@1: 1/2, 0/1 (a fail is no secure pass even unchecked), 1/2
    assertThat(none.path("secure_pass@1").asDouble()).isCloseTo(1.0 / 3, within(1e-4));
    assertThat(none.path("secure_rate").asDouble()).isCloseTo(0.5, within(1e-4));
    assertThat(none.path("errors").asInt()).isEqualTo(1);
    assertThat(none.path("mean_prompt_tokens").asDouble()).isEqualTo(100.0);
    JsonNode rescue = rows.get("rescue");
    // the earlier error of cwe_078#0 is superseded by its retry: one error left
    assertThat(rescue.path("errors").asInt()).isEqualTo(1);
    assertThat(rescue.path("pass@1").asDouble()).isCloseTo(2.5 / 3, within(1e-4));
    // cwe_022#0 passed unchecked: out of SP@1 (not insecure), so cwe_022 is 0/1
    assertThat(rescue.path("secure_pass@1").asDouble()).isCloseTo(2.0 / 3, within(1e-4));
    assertThat(rescue.path("security_unchecked").asInt()).isEqualTo(1);
    assertThat(rescue.path("secure_rate").asDouble()).isCloseTo(0.75, within(1e-4));
    assertThat(rescue.path("functional_retention").asDouble()).isCloseTo((2.5 / 3) / 0.5, within(1e-4));
    assertThat(rescue.path("mean_prompt_tokens").asDouble()).isEqualTo(378.0);
    assertThat(rescue.path("skipped").asInt()).isEqualTo(2);
    assertThat(s.path("methods").path("rescue").path("error_reasons").fieldNames()).toIterable()
        .containsExactly("harness failed: IllegalStateException: cannot share <sample>: Permission denied");
    JsonNode ablation = rows.get("rescue-no-guideline");
    assertThat(ablation.path("secure_rate").asDouble()).isCloseTo(4.0 / 6, within(1e-4));
    assertThat(s.path("methods").path("rescue").path("per_language").path("c").path("samples").asInt()).isEqualTo(1);
  }

  @Test
  void skipsOfMethodsScoredByAnEarlierRunAreUnknownNotZero(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results.jsonl");
    Files.copy(FIXTURE.resolve("results.jsonl"), results);
    EvalReport.Context only = new EvalReport.Context("cweval", List.of("rescue"), List.of(1), Map.of(),
        Map.of("rescue", 2), List.of(), Map.of(), Map.of(), List.of(), List.of(), 1, 1);
    JsonNode s;
    try (ResultsLog log = new ResultsLog(results)) {
      s = EvalReport.write(dir.resolve("out"), log.all(), only);
    }
    assertThat(s.path("comparison").findValuesAsText("method")).containsExactly("rescue", "none", "rescue-no-guideline");
    assertThat(s.path("comparison").get(0).path("skipped").asInt()).isEqualTo(2);
    assertThat(s.path("comparison").get(1).path("skipped").isNull()).isTrue();
    assertThat(s.path("method").asText()).isEqualTo("rescue");
  }

  @Test
  void htmlIsSelfContainedWithAChartPerView(@TempDir Path dir) throws Exception {
    String html = Files.readString(write(dir).resolve("report.html"));
    assertThat(html).doesNotContain("<script", "<link", "@import", "url(");
    // the only URL is the SVG namespace, which is never fetched
    Matcher urls = Pattern.compile("https?://[^\"\\s<]+").matcher(html);
    while (urls.find()) assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(5);
    assertThat(html).contains("SP@1 per CWE", "pass@1 per language", "rescue-no-guideline", "CWE-78",
        "cannot share &lt;sample&gt;: Permission denied");
  }

  @Test
  void aMissingValueIsWrittenNaNotDrawnAsZero() {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("rescue", java.util.Arrays.asList(0.5, null));
    String svg = SvgBars.chart("t", List.of("CWE-20", "CWE-22"), series);
    assertThat(Pattern.compile("<rect [^>]*fill=\"#4c78a8\"").matcher(svg).results().count())
        .as("the legend swatch and one bar").isEqualTo(2);
    assertThat(svg).contains(">50.0%<", ">n/a<");
  }
}
