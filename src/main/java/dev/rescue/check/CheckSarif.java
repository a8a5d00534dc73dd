package dev.rescue.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.model.CweIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 of {@code rescue check --sarif}, for GitHub code scanning and IDEs: one run of the
 * tool {@code rescue}, one rule per CWE (its help is the KB's guideline and secure example), one
 * result per finding; the tools behind a finding and its confidence go in its properties, tool
 * failures and unreadable inputs in the invocation's notifications.
 */
public final class CheckSarif {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

  private CheckSarif() {}

  public static ObjectNode report(List<CheckResult> results, List<InputError> errors, String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "rescue");
    driver.put("version", version);
    driver.put("informationUri", "https://cwe.mitre.org/");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    ArrayNode out = run.putArray("results");
    for (CheckResult r : results) {
      for (Finding f : r.findings()) {
        Integer index = ruleIndex.get(f.cwe());
        if (index == null) {
          index = ruleIndex.size();
          ruleIndex.put(f.cwe(), index);
          rules.add(rule(f, r));
        }
        out.add(result(f, index));
      }
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    boolean whole = errors.isEmpty() && results.stream().allMatch(r -> r.failures().isEmpty());
    invocation.put("executionSuccessful", whole);
    ArrayNode notes = invocation.putArray("toolExecutionNotifications");
    for (CheckResult r : results) {
      for (ToolFailure f : r.failures()) notes.add(note("warning", r.unit().file(), f.tool() + ": " + f.reason()));
    }
    for (InputError e : errors) notes.add(note("error", e.file(), e.reason()));
    return root;
  }

  private static ObjectNode rule(Finding f, CheckResult r) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("id", f.cwe());
    rule.put("name", f.cwe().replace("-", ""));
    rule.putObject("shortDescription").put("text", f.cwe());
    rule.put("helpUri", "https://cwe.mitre.org/data/definitions/" + CweIds.number(f.cwe()) + ".html");
    Guidance g = f.guidance();
    if (!g.isEmpty()) {
      String text = g.guideline().strip();
      String markdown = text;
      if (!g.secureExample().isBlank()) {
        text += "\n\nSecure example (" + r.unit().language().displayName() + "):\n" + g.secureExample().strip();
        markdown += "\n\nSecure example (" + r.unit().language().displayName() + "):\n\n```" + r.unit().language().id()
            + "\n" + g.secureExample().strip() + "\n```";
      }
      rule.putObject("help").put("text", text).put("markdown", markdown);
    }
    rule.putObject("properties").putArray("tags").add("security").add("external/cwe/cwe-" + CweIds.number(f.cwe()));
    return rule;
  }

  private static ObjectNode result(Finding f, int ruleIndex) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ruleId", f.cwe());
    o.put("ruleIndex", ruleIndex);
    o.put("level", level(f.severity()));
    o.putObject("message").put("text", f.message().isBlank() ? f.cwe() : f.message());
    ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(f.location().file()));
    physical.putObject("region").put("startLine", f.location().line()).put("startColumn", f.location().column());
    ObjectNode props = o.putObject("properties");
    props.put("tool", f.tool());
    ArrayNode tools = props.putArray("tools");
    f.tools().forEach(tools::add);
    props.put("toolRule", f.ruleId());
    props.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
    props.put("confidence", Math.round(f.confidence() * 100) / 100.0);
    return o;
  }

  private static ObjectNode note(String level, String file, String text) {
    ObjectNode n = JSON.createObjectNode();
    n.put("level", level);
    n.putObject("message").put("text", file + ": " + text);
    return n;
  }

  static String level(Severity s) {
    return switch (s) {
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
    };
  }

  /** A relative path as SARIF's URI reference wants it: forward slashes, spaces and the like escaped. */
  static String uri(String file) {
    String path = file.replace('\\', '/');
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
