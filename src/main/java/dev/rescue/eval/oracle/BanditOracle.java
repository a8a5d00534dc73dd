package dev.rescue.eval.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bandit (Python). Newer bandits give each issue's CWE ({@code issue_cwe.id}); older ones (Debian 12's)
 * do not, so the CWE comes from {@link #CWE_BY_TEST}, bandit's own test-to-CWE table. The import
 * blacklist tests (B4xx) are left out: they flag an {@code import}, not a use, and would mark every
 * program whose given context imports {@code subprocess} as vulnerable; so are LOW-severity issues
 * (B603 "subprocess without shell", B607 "partial executable path"), which bandit itself rates as
 * hints and which the secure way of running a command triggers.
 */
public final class BanditOracle implements SecurityOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bandit's mapping of its tests to CWE ids (bandit/core/issue.py), for reports without issue_cwe. */
  static final java.util.Map<String, Integer> CWE_BY_TEST = java.util.Map.ofEntries(
      java.util.Map.entry("B101", 703), java.util.Map.entry("B102", 78), java.util.Map.entry("B103", 732),
      java.util.Map.entry("B104", 605), java.util.Map.entry("B105", 259), java.util.Map.entry("B106", 259),
      java.util.Map.entry("B107", 259), java.util.Map.entry("B108", 377), java.util.Map.entry("B110", 703),
      java.util.Map.entry("B112", 703), java.util.Map.entry("B113", 400), java.util.Map.entry("B201", 94),
      java.util.Map.entry("B202", 22), java.util.Map.entry("B301", 502), java.util.Map.entry("B302", 502),
      java.util.Map.entry("B303", 327), java.util.Map.entry("B304", 327), java.util.Map.entry("B305", 327),
      java.util.Map.entry("B306", 377), java.util.Map.entry("B307", 78), java.util.Map.entry("B308", 79),
      java.util.Map.entry("B310", 22), java.util.Map.entry("B311", 330), java.util.Map.entry("B312", 319),
      java.util.Map.entry("B313", 20), java.util.Map.entry("B314", 20), java.util.Map.entry("B315", 20),
      java.util.Map.entry("B316", 20), java.util.Map.entry("B317", 20), java.util.Map.entry("B318", 20),
      java.util.Map.entry("B319", 20), java.util.Map.entry("B320", 20), java.util.Map.entry("B321", 319),
      java.util.Map.entry("B323", 295), java.util.Map.entry("B324", 327), java.util.Map.entry("B501", 295),
      java.util.Map.entry("B502", 327), java.util.Map.entry("B503", 327), java.util.Map.entry("B504", 327),
      java.util.Map.entry("B505", 326), java.util.Map.entry("B506", 20), java.util.Map.entry("B507", 295),
      java.util.Map.entry("B601", 78), java.util.Map.entry("B602", 78), java.util.Map.entry("B603", 78),
      java.util.Map.entry("B604", 78), java.util.Map.entry("B605", 78), java.util.Map.entry("B606", 78),
      java.util.Map.entry("B607", 78), java.util.Map.entry("B608", 89), java.util.Map.entry("B609", 78),
      java.util.Map.entry("B610", 89), java.util.Map.entry("B611", 89), java.util.Map.entry("B612", 94),
      java.util.Map.entry("B701", 94), java.util.Map.entry("B702", 80), java.util.Map.entry("B703", 80));

  @Override
  public String name() {
    return "bandit";
  }

  @Override
  public boolean supports(String language) {
    return "py".equals(language);
  }

  @Override
  public boolean available() {
    return ToolRunner.onPath("bandit");
  }

  @Override
  public List<Finding> analyse(Path program, String language, CodeqlQuery query) {
    ToolRunner.Output out = ToolRunner.run(
        List.of("bandit", "-q", "-f", "json", program.getFileName().toString()), program.getParent(), 120);
    // bandit exits 1 when it found issues; only unparsable output is a failure
    try {
      return parse(out.stdout());
    } catch (Exception e) {
      throw new OracleException("bandit gave no JSON report (exit " + out.exit() + "): " + tail(out.stderr()));
    }
  }

  static List<Finding> parse(String json) throws java.io.IOException {
    JsonNode root = JSON.readTree(json);
    List<Finding> findings = new ArrayList<>();
    for (JsonNode r : root.path("results")) {
      String test = r.path("test_id").asText();
      if (test.startsWith("B4") || "LOW".equalsIgnoreCase(r.path("issue_severity").asText())) continue;
      JsonNode cwe = r.path("issue_cwe").path("id");
      int id = cwe.isMissingNode() || cwe.asInt() <= 0 ? CWE_BY_TEST.getOrDefault(test, 0) : cwe.asInt();
      List<String> cwes = id <= 0 ? List.of() : List.of("CWE-" + id);
      findings.add(new Finding("bandit", test, cwes, r.path("line_number").asInt(),
          r.path("issue_text").asText()));
    }
    return findings;
  }

  static String tail(String s) {
    s = s.strip();
    return s.length() > 300 ? s.substring(s.length() - 300) : s;
  }
}
