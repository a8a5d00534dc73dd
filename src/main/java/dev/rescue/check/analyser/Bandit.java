package dev.rescue.check.analyser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.check.Severity;
import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bandit (Python). Newer bandits give each issue's CWE ({@code issue_cwe.id}); older ones (Debian 12's)
 * do not, so the CWE comes from {@link #CWE_BY_TEST}, bandit's own test-to-CWE table. Every issue is
 * reported with bandit's own severity and confidence; which of them count is the caller's choice.
 */
public final class Bandit implements Analyser {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bandit's mapping of its tests to CWE ids (bandit/core/issue.py), for reports without issue_cwe. */
  static final Map<String, Integer> CWE_BY_TEST = Map.ofEntries(
      Map.entry("B101", 703), Map.entry("B102", 78), Map.entry("B103", 732),
      Map.entry("B104", 605), Map.entry("B105", 259), Map.entry("B106", 259),
      Map.entry("B107", 259), Map.entry("B108", 377), Map.entry("B110", 703),
      Map.entry("B112", 703), Map.entry("B113", 400), Map.entry("B201", 94),
      Map.entry("B202", 22), Map.entry("B301", 502), Map.entry("B302", 502),
      Map.entry("B303", 327), Map.entry("B304", 327), Map.entry("B305", 327),
      Map.entry("B306", 377), Map.entry("B307", 78), Map.entry("B308", 79),
      Map.entry("B310", 22), Map.entry("B311", 330), Map.entry("B312", 319),
      Map.entry("B313", 20), Map.entry("B314", 20), Map.entry("B315", 20),
      Map.entry("B316", 20), Map.entry("B317", 20), Map.entry("B318", 20),
      Map.entry("B319", 20), Map.entry("B320", 20), Map.entry("B321", 319),
      Map.entry("B323", 295), Map.entry("B324", 327), Map.entry("B501", 295),
      Map.entry("B502", 327), Map.entry("B503", 327), Map.entry("B504", 327),
      Map.entry("B505", 326), Map.entry("B506", 20), Map.entry("B507", 295),
      Map.entry("B601", 78), Map.entry("B602", 78), Map.entry("B603", 78),
      Map.entry("B604", 78), Map.entry("B605", 78), Map.entry("B606", 78),
      Map.entry("B607", 78), Map.entry("B608", 89), Map.entry("B609", 78),
      Map.entry("B610", 89), Map.entry("B611", 89), Map.entry("B612", 94),
      Map.entry("B701", 94), Map.entry("B702", 80), Map.entry("B703", 80));

  @Override
  public String name() {
    return "bandit";
  }

  @Override
  public boolean supports(Language language) {
    return language == Language.PYTHON;
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("bandit");
  }

  @Override
  public List<AnalyserFinding> analyse(Path program, Language language, Duration timeout) {
    ToolRunner.Output out = ToolRunner.run(
        List.of("bandit", "-q", "-f", "json", program.getFileName().toString()), program.getParent(), timeout);
    // bandit exits 1 when it found issues; only unparsable output is a failure
    try {
      return parse(out.stdout());
    } catch (IOException | RuntimeException e) {
      throw new AnalyserException("bandit gave no JSON report (exit " + out.exit() + "): " + ToolRunner.tail(out.stderr()));
    }
  }

  public static List<AnalyserFinding> parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.has("results")) throw new IOException("no results in bandit's report");
    List<AnalyserFinding> findings = new ArrayList<>();
    for (JsonNode r : root.path("results")) {
      String test = r.path("test_id").asText();
      JsonNode cwe = r.path("issue_cwe").path("id");
      int id = cwe.isMissingNode() || cwe.asInt() <= 0 ? CWE_BY_TEST.getOrDefault(test, 0) : cwe.asInt();
      List<String> cwes = id <= 0 ? List.of() : List.of("CWE-" + id);
      int column = r.has("col_offset") ? r.path("col_offset").asInt() + 1 : 0;
      findings.add(new AnalyserFinding("bandit", test, cwes, r.path("line_number").asInt(), column,
          level(r.path("issue_severity").asText()), confidence(r.path("issue_confidence").asText()),
          r.path("issue_text").asText()));
    }
    return findings;
  }

  static Severity level(String s) {
    return switch (s.toUpperCase(java.util.Locale.ROOT)) {
      case "HIGH" -> Severity.HIGH;
      case "MEDIUM" -> Severity.MEDIUM;
      default -> Severity.LOW;
    };
  }

  static double confidence(String s) {
    return switch (s.toUpperCase(java.util.Locale.ROOT)) {
      case "HIGH" -> 0.9;
      case "MEDIUM" -> 0.6;
      default -> 0.3;
    };
  }
}
