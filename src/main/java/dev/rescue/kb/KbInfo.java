package dev.rescue.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON summary of {@code rescue kb info} (DESIGN §5): {@code cwes}, {@code cwe_ids},
 * {@code examples}, {@code languages} (examples per language), {@code embedder}, {@code gates},
 * {@code sha256} (the KB fingerprint: sha256 over its data files' hashes), plus {@code created},
 * {@code sources}, {@code distillers} (CWEs per distiller) and {@code notices} (the copyright notices
 * and terms of use the entries' provenance carries, each once).
 */
public final class KbInfo {
  private KbInfo() {}

  public static ObjectNode of(KnowledgeBase kb) {
    ObjectNode o = KbJson.mapper().createObjectNode();
    o.put("cwes", kb.cwes().size());
    var ids = o.putArray("cwe_ids");
    kb.cwes().stream().map(CweEntry::cwe).sorted(Comparator.comparingInt(CweIds::number)).forEach(ids::add);
    o.put("examples", kb.examples().size());
    Map<String, Integer> langs = new TreeMap<>();
    for (CodeExample e : kb.examples()) langs.merge(e.language().id(), 1, Integer::sum);
    o.set("languages", KbJson.mapper().valueToTree(langs));
    KbManifest m = kb.manifest();
    o.set("embedder", KbJson.mapper().valueToTree(m.embedder()));
    o.set("gates", KbJson.mapper().valueToTree(m.gates()));
    o.put("sha256", KbFingerprint.of(kb));
    o.put("created", m.created());
    o.set("sources", KbJson.mapper().valueToTree(m.sources()));
    Map<String, Integer> distillers = new TreeMap<>();
    for (CweEntry c : kb.cwes()) distillers.merge(c.distiller(), 1, Integer::sum);
    o.set("distillers", KbJson.mapper().valueToTree(distillers));
    // the terms some sources require with any copy (MITRE's CWE Terms of Use), each once
    var notices = o.putArray("notices");
    kb.cwes().stream().map(c -> c.provenance().notice()).filter(n -> !n.isEmpty()).distinct().sorted().forEach(notices::add);
    return o;
  }
}
