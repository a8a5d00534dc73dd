package dev.rescue.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.check.Finding;
import dev.rescue.check.ToolFailure;
import java.util.Locale;

/** A repair outcome as JSON: each round with its findings and tokens, the kept round and the stop reason. */
public final class RepairJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RepairJson() {}

  public static ObjectNode of(RepairOutcome o, RepairPolicy policy) {
    ObjectNode n = JSON.createObjectNode();
    n.put("max_rounds", policy.rounds());
    n.put("max_tokens", policy.maxTokens());
    n.put("fail_on", policy.failOn().name().toLowerCase(Locale.ROOT));
    n.put("guidance", policy.guidance());
    n.put("kept", o.kept());
    n.put("stop", o.stop().key());
    if (!o.detail().isBlank()) n.put("stop_detail", o.detail());
    n.put("tokens", o.tokens());
    ArrayNode rounds = n.putArray("rounds");
    for (RepairRound r : o.rounds()) {
      ObjectNode rn = rounds.addObject();
      rn.put("round", r.round());
      rn.put("prompt_tokens", r.promptTokens());
      rn.put("completion_tokens", r.completionTokens());
      rn.put("cached", r.cached());
      ArrayNode fs = rn.putArray("findings");
      for (Finding f : r.findings()) {
        fs.addObject().put("cwe", f.cwe()).put("line", f.location().line()).put("column", f.location().column())
            .put("tool", f.tool()).put("rule_id", f.ruleId()).put("severity", f.severity().name().toLowerCase(Locale.ROOT))
            .put("message", f.message());
      }
      if (!r.failures().isEmpty()) {
        ArrayNode fl = rn.putArray("failures");
        for (ToolFailure t : r.failures()) fl.addObject().put("tool", t.tool()).put("reason", t.reason());
      }
      rn.put("code", r.code());
    }
    return n;
  }
}
