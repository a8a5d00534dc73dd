package dev.rescue.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code rescue check --json}, MCP {@code check_code}'s structured content and
 * {@code POST /v1/security-check}: one object per checked unit, findings with their guidance.
 * {@link #SCHEMA} describes it (MCP's {@code outputSchema}).
 */
public final class CheckJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The format's name and version, so that a reader can tell what it reads. */
  public static final String FORMAT = "rescue-check/1";

  private CheckJson() {}

  /** The whole report: every unit's result and every input that could not be checked. */
  public static ObjectNode report(List<CheckResult> results, List<InputError> errors, Severity failOn) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("fail_on", failOn.name().toLowerCase(Locale.ROOT));
    int total = 0;
    int failing = 0;
    ArrayNode rs = root.putArray("results");
    for (CheckResult r : results) {
      rs.add(result(r, failOn));
      total += r.findings().size();
      failing += r.atLeast(failOn).size();
    }
    ArrayNode es = root.putArray("errors");
    for (InputError e : errors) es.addObject().put("file", e.file()).put("error", e.reason());
    ObjectNode summary = root.putObject("summary");
    summary.put("files", results.size() + errors.size());
    summary.put("findings", total);
    summary.put("at_or_above_fail_on", failing);
    summary.put("input_errors", errors.size());
    summary.put("tool_failures", results.stream().mapToInt(r -> r.failures().size()).sum());
    return root;
  }

  public static ObjectNode result(CheckResult r, Severity failOn) {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", r.unit().file());
    o.put("language", r.unit().language().id());
    o.put("clean", r.atLeast(failOn).isEmpty());
    ArrayNode tools = o.putArray("tools");
    r.tools().forEach(tools::add);
    ArrayNode failures = o.putArray("failures");
    for (ToolFailure f : r.failures()) failures.addObject().put("tool", f.tool()).put("reason", f.reason());
    ArrayNode findings = o.putArray("findings");
    for (Finding f : r.findings()) findings.add(finding(f));
    return o;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("cwe", f.cwe());
    o.put("file", f.location().file());
    o.put("line", f.location().line());
    o.put("column", f.location().column());
    o.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
    o.put("confidence", Math.round(f.confidence() * 100) / 100.0);
    o.put("tool", f.tool());
    ArrayNode tools = o.putArray("tools");
    f.tools().forEach(tools::add);
    o.put("rule", f.ruleId());
    o.put("message", f.message());
    ObjectNode g = o.putObject("guidance");
    g.put("guideline", f.guidance().guideline());
    g.put("secure_example", f.guidance().secureExample());
    return o;
  }

  /** JSON Schema (draft 2020-12 subset every MCP client reads) of {@link #report}. */
  public static ObjectNode schema() {
    try {
      return (ObjectNode) JSON.readTree(SCHEMA);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the check report's schema does not parse", e);
    }
  }

  static final String SCHEMA = """
      {
        "type": "object",
        "required": ["format", "fail_on", "results", "errors", "summary"],
        "properties": {
          "format": {"type": "string"},
          "fail_on": {"type": "string", "enum": ["low", "medium", "high"]},
          "results": {"type": "array", "items": {
            "type": "object",
            "required": ["file", "language", "clean", "tools", "failures", "findings"],
            "properties": {
              "file": {"type": "string"},
              "language": {"type": "string"},
              "clean": {"type": "boolean", "description": "no finding at or above fail_on"},
              "tools": {"type": "array", "items": {"type": "string"}},
              "failures": {"type": "array", "items": {"type": "object", "required": ["tool", "reason"],
                "properties": {"tool": {"type": "string"}, "reason": {"type": "string"}}}},
              "findings": {"type": "array", "items": {
                "type": "object",
                "required": ["cwe", "file", "line", "column", "severity", "confidence", "tool", "tools", "rule", "message", "guidance"],
                "properties": {
                  "cwe": {"type": "string"},
                  "file": {"type": "string"},
                  "line": {"type": "integer", "minimum": 1},
                  "column": {"type": "integer", "minimum": 1},
                  "severity": {"type": "string", "enum": ["low", "medium", "high"]},
                  "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                  "tool": {"type": "string"},
                  "tools": {"type": "array", "items": {"type": "string"}},
                  "rule": {"type": "string"},
                  "message": {"type": "string"},
                  "guidance": {"type": "object", "required": ["guideline", "secure_example"],
                    "properties": {"guideline": {"type": "string"}, "secure_example": {"type": "string"}}}
                }
              }}
            }
          }},
          "errors": {"type": "array", "items": {"type": "object", "required": ["file", "error"],
            "properties": {"file": {"type": "string"}, "error": {"type": "string"}}}},
          "summary": {"type": "object"}
        }
      }
      """;
}
