package dev.rescue.serve.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.check.CheckJson;
import dev.rescue.check.CheckResult;
import dev.rescue.check.CheckText;
import dev.rescue.check.Severity;
import dev.rescue.check.SourceReader;
import dev.rescue.check.SourceUnit;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.serve.SecurityContextService;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP tools: {@code security_context} (the RESCUE context of a coding task),
 * {@code cwe_lookup} (a CWE's knowledge-base entry) and {@code check_code} (the findings of
 * {@code rescue check} for a piece of code). Each answers with what an agent reads as its text (the
 * context, the entry, the findings, or "no security guidance needed" and why) and the JSON as
 * {@code structuredContent}, described by the tool's {@code outputSchema}. Bad arguments give a tool
 * error naming the argument, never a protocol error, so the agent can correct itself.
 */
final class SecurityTools {
  static final String SECURITY_CONTEXT = "security_context";
  static final String CWE_LOOKUP = "cwe_lookup";
  static final String CHECK_CODE = "check_code";
  private static final String CHECK_SCHEMA = """
      {"type": "object",
       "properties": {
         "code": {"type": "string", "description": "The code to check: a file, a function or a draft."},
         "language": {"type": "string", "description": "py, c, cpp, java, js or go (guessed from the code when absent)."},
         "task": {"type": "string", "description": "Optional: what the code is meant to do."}
       },
       "required": ["code"]}
      """;
  /** What security_context's structured content holds (see ResultJson). */
  private static final String CONTEXT_OUTPUT = """
      {"type": "object",
       "required": ["abstained", "cwes", "examples", "context"],
       "properties": {
         "id": {"type": "string"},
         "abstained": {"type": "boolean"},
         "cwes": {"type": "array", "items": {"type": "object"}},
         "examples": {"type": "array", "items": {"type": "object"}},
         "context": {"type": "string"},
         "context_tokens": {"type": "integer"},
         "latency_ms": {"type": "number"},
         "abstention_reasons": {"type": "array", "items": {"type": "string"}}
       }}
      """;
  /** What cwe_lookup's structured content holds (see ServeJson). */
  private static final String LOOKUP_OUTPUT = """
      {"type": "object",
       "required": ["cwe", "name", "guideline", "cause", "apis", "examples"],
       "properties": {
         "cwe": {"type": "string"},
         "name": {"type": "string"},
         "guideline": {"type": "string"},
         "cause": {"type": "string"},
         "apis": {"type": "object"},
         "examples": {"type": "array", "items": {"type": "object"}},
         "provenance": {"type": "object"},
         "distiller": {"type": "string"}
       }}
      """;

  private static final String CONTEXT_SCHEMA = """
      {"type": "object",
       "properties": {
         "task": {"type": "string", "description": "What the code should do, in natural language."},
         "code": {"type": "string", "description": "Optional code at hand: a prefix, a draft, or the file being edited."},
         "language": {"type": "string", "description": "Optional language: py, c, cpp, java, js or go (guessed from the code when absent)."}
       },
       "required": ["task"]}
      """;
  private static final String LOOKUP_SCHEMA = """
      {"type": "object",
       "properties": {"cwe": {"type": "string", "description": "A CWE id, e.g. CWE-502 or 502."}},
       "required": ["cwe"]}
      """;

  private final SecurityContextService service;
  private final McpJsonMapper mapper;
  private final AtomicLong ids = new AtomicLong();

  SecurityTools(SecurityContextService service, McpJsonMapper mapper) {
    this.service = service;
    this.mapper = mapper;
  }

  SyncToolSpecification securityContext() {
    Tool tool = Tool.builder().name(SECURITY_CONTEXT).title("Security context for a coding task")
        .description("Before writing code, get the security guidelines and secure code examples that RESCUE retrieves "
            + "for the task: the relevant CWEs with their scores, guidelines, examples and provenance, and 'context', "
            + "the text to follow. 'abstained' is true when the task needs no security guidance.")
        .inputSchema(mapper, CONTEXT_SCHEMA)
        .outputSchema(mapper, CONTEXT_OUTPUT)
        .annotations(readOnly())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> contextCall(req)).build();
  }

  SyncToolSpecification cweLookup() {
    Tool tool = Tool.builder().name(CWE_LOOKUP).title("Look up a CWE in the security knowledge base")
        .description("The knowledge-base entry of a CWE: name, guideline, vulnerability cause, risky and safe APIs per "
            + "language, secure and vulnerable code examples, and provenance.")
        .inputSchema(mapper, LOOKUP_SCHEMA)
        .outputSchema(mapper, LOOKUP_OUTPUT)
        .annotations(readOnly())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> lookupCall(req)).build();
  }

  SyncToolSpecification checkCode() {
    Tool tool = Tool.builder().name(CHECK_CODE).title("Check code for security weaknesses")
        .description("After writing code, check it: the weaknesses found by the knowledge base's rules (risky API "
            + "calls without their safe alternatives) and the analysers installed (bandit, cppcheck, flawfinder, "
            + "CodeQL), each with its CWE, line, severity and the guideline and a secure example to fix it.")
        .inputSchema(mapper, CHECK_SCHEMA)
        .outputSchema(mapper, CheckJson.schema().toString())
        .annotations(readOnly())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> checkCall(req)).build();
  }

  private CallToolResult checkCall(CallToolRequest req) {
    Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
    try {
      SourceUnit unit = new SourceReader(SourceReader.DEFAULT_MAX_BYTES).fromClient("code",
          string(args, "code", true), string(args, "language", false), string(args, "task", false));
      CheckResult r = service.check(unit);
      String text = CheckText.result(r, Severity.DEFAULT_FAIL_ON);
      return success(text, CheckJson.report(List.of(r), List.of(), Severity.DEFAULT_FAIL_ON));
    } catch (IllegalArgumentException e) {
      return error(CHECK_CODE + ": " + e.getMessage());
    }
  }

  private CallToolResult contextCall(CallToolRequest req) {
    Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
    try {
      String text = string(args, "task", true);
      String code = string(args, "code", false);
      String lang = string(args, "language", false);
      Language language = lang == null || lang.isBlank() ? null : Language.parse(lang);
      RetrievalResult r = service.context(new Task("mcp-" + ids.incrementAndGet(), text, code, language));
      ObjectNode json = service.resultJson(r);
      String answer = r.abstained() || r.context().isBlank()
          ? "No security guidance needed for this task: " + (r.abstentionReasons().isEmpty()
              ? "no CWE of the knowledge base is relevant enough" : String.join("; ", r.abstentionReasons()))
          : r.context();
      return success(answer, json);
    } catch (IllegalArgumentException e) {
      return error(SECURITY_CONTEXT + ": " + e.getMessage());
    }
  }

  private CallToolResult lookupCall(CallToolRequest req) {
    Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
    try {
      String id = string(args, "cwe", true);
      Optional<CweEntry> entry = service.cwe(id);
      if (entry.isEmpty()) {
        return error(CWE_LOOKUP + ": " + id + " is not in the knowledge base; it covers " + String.join(", ", service.cweIds()));
      }
      return success(cweText(entry.get()), service.cweJson(entry.get()));
    } catch (IllegalArgumentException e) {
      return error(CWE_LOOKUP + ": " + e.getMessage());
    }
  }

  /** A CWE's entry as an agent reads it: name, guideline, cause, the APIs per language. */
  static String cweText(CweEntry e) {
    StringBuilder out = new StringBuilder();
    out.append(e.cwe()).append(e.name().isBlank() ? "" : ": " + e.name()).append("\n\n");
    out.append("Guideline: ").append(e.guideline().strip()).append("\n\n");
    if (!e.cause().isBlank()) out.append("Cause: ").append(e.cause().strip()).append("\n\n");
    for (var a : e.apis().entrySet()) {
      out.append(a.getKey()).append(": risky ").append(a.getValue().risky().isEmpty() ? "-" : String.join(", ", a.getValue().risky()))
          .append("; safe ").append(a.getValue().safe().isEmpty() ? "-" : String.join(", ", a.getValue().safe())).append('\n');
    }
    return out.toString().strip() + "\n";
  }

  private static CallToolResult success(String text, ObjectNode json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> structured = ResultJson.MAPPER.convertValue(json, Map.class);
    return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private static String string(Map<String, Object> args, String name, boolean required) {
    Object v = args.get(name);
    if (v == null) {
      if (required) throw new IllegalArgumentException("argument '" + name + "' is required");
      return null;
    }
    if (!(v instanceof String s)) throw new IllegalArgumentException("argument '" + name + "' must be a string");
    return s;
  }

  private static ToolAnnotations readOnly() {
    return new ToolAnnotations(null, true, false, true, false, null);
  }
}
