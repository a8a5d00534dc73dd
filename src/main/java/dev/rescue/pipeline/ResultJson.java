package dev.rescue.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import java.util.Map;

/** The retrieval result format of DESIGN §4, shared by the CLI, the proxy and the MCP server. */
public final class ResultJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private ResultJson() {}

  public static ObjectNode of(RetrievalResult r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("abstained", r.abstained());
    ArrayNode cwes = o.putArray("cwes");
    for (ScoredCwe c : r.cwes()) {
      ObjectNode n = cwes.addObject();
      n.put("cwe", c.cwe());
      n.put("name", c.entry().name());
      n.put("score", round(c.score()));
      facets(n.putObject("facets"), c.facets());
      n.put("guideline", c.entry().guideline());
      n.put("distiller", c.entry().distiller());
    }
    ArrayNode examples = o.putArray("examples");
    for (ScoredExample s : r.examples()) {
      ObjectNode n = examples.addObject();
      n.put("id", s.example().id());
      n.put("cwe", s.example().cwe());
      n.put("language", s.example().language().id());
      n.put("secure", s.example().secure());
      n.put("vulnerable", s.example().vulnerable());
      n.put("score", round(s.score()));
      facets(n.putObject("facets"), s.facets());
      n.put("source", s.example().source());
    }
    o.put("context", r.context());
    o.put("context_tokens", r.contextTokens());
    o.put("latency_ms", Math.round(r.latencyMs() * 100) / 100.0);
    if (r.abstained()) {
      ArrayNode reasons = o.putArray("abstention_reasons");
      r.abstentionReasons().forEach(reasons::add);
    }
    return o;
  }

  /** The line of a task that failed: its id (or null) and what went wrong. */
  public static ObjectNode error(String id, String message) {
    ObjectNode o = MAPPER.createObjectNode();
    if (id == null) o.putNull("id"); else o.put("id", id);
    o.put("error", message);
    return o;
  }

  private static void facets(ObjectNode out, Map<Facet, FacetScore> facets) {
    for (Facet f : Facet.values()) {
      FacetScore s = facets.get(f);
      if (s == null) continue;
      ObjectNode n = out.putObject(f.key());
      n.put("score", round(s.score()));
      n.put("rank", s.rank());
      n.put("passed", s.passed());
    }
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
