package dev.rescue.serve.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP tools: {@code security_context} (the RESCUE context of a coding task) and
 * {@code cwe_lookup} (a CWE's knowledge-base entry). Bad arguments give a tool error naming the
 * argument, never a protocol error, so the agent can correct itself.
 */
final class SecurityTools {
  static final String SECURITY_CONTEXT = "security_context";
  static final String CWE_LOOKUP = "cwe_lookup";

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
        .annotations(readOnly())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> contextCall(req)).build();
  }

  SyncToolSpecification cweLookup() {
    Tool tool = Tool.builder().name(CWE_LOOKUP).title("Look up a CWE in the security knowledge base")
        .description("The knowledge-base entry of a CWE: name, guideline, vulnerability cause, risky and safe APIs per "
            + "language, secure and vulnerable code examples, and provenance.")
        .inputSchema(mapper, LOOKUP_SCHEMA)
        .annotations(readOnly())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, req) -> lookupCall(req)).build();
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
      return success(json);
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
      return success(service.cweJson(entry.get()));
    } catch (IllegalArgumentException e) {
      return error(CWE_LOOKUP + ": " + e.getMessage());
    }
  }

  private static CallToolResult success(ObjectNode json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> structured = ResultJson.MAPPER.convertValue(json, Map.class);
    return CallToolResult.builder().addTextContent(json.toPrettyString()).structuredContent(structured).isError(false).build();
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
