package dev.rescue.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Provenance;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.RetrievalResult;
import java.util.Map;

/** The JSON the serving surfaces return beyond {@link ResultJson}: provenance and whole KB entries. */
final class ServeJson {
  /** Commit links listed per CWE in a retrieval result; the full list is in {@code cwe_lookup}. */
  private static final int COMMITS_IN_RESULT = 5;

  private ServeJson() {}

  static ObjectNode result(RetrievalResult r, KnowledgeBase kb) {
    ObjectNode o = ResultJson.of(r);
    for (var n : o.withArray("cwes")) {
      kb.cwe(n.get("cwe").asText()).ifPresent(e ->
          provenance(((ObjectNode) n).putObject("provenance"), e.provenance(), COMMITS_IN_RESULT));
    }
    return o;
  }

  static ObjectNode cwe(CweEntry e, KnowledgeBase kb) {
    ObjectNode o = ResultJson.MAPPER.createObjectNode();
    o.put("cwe", e.cwe());
    o.put("name", e.name());
    o.put("guideline", e.guideline());
    o.put("cause", e.cause());
    ObjectNode apis = o.putObject("apis");
    for (Map.Entry<String, ApiSet> a : e.apis().entrySet()) {
      ObjectNode n = apis.putObject(a.getKey());
      a.getValue().risky().forEach(n.putArray("risky")::add);
      a.getValue().safe().forEach(n.putArray("safe")::add);
    }
    ArrayNode examples = o.putArray("examples");
    for (String id : e.examples()) {
      kb.example(id).ifPresent(x -> example(examples.addObject(), x));
    }
    provenance(o.putObject("provenance"), e.provenance(), Integer.MAX_VALUE);
    o.put("distiller", e.distiller());
    return o;
  }

  private static void example(ObjectNode n, CodeExample x) {
    n.put("id", x.id());
    n.put("language", x.language().id());
    if (x.description() != null) n.put("description", x.description());
    n.put("vulnerable", x.vulnerable());
    n.put("secure", x.secure());
    x.apis().forEach(n.putArray("apis")::add);
    n.put("source", x.source());
  }

  private static void provenance(ObjectNode n, Provenance p, int maxCommits) {
    n.put("pairs", p.pairs().size());
    ArrayNode commits = n.putArray("commits");
    p.commits().stream().limit(maxCommits).forEach(commits::add);
  }
}
