package dev.rescue.check;

import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.Language;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the knowledge base says about a CWE for code of one language: the CWE's guideline and the
 * secure side of its first example in that language (empty when the KB has none in the language:
 * an example in another language would teach the wrong API).
 */
public final class KbGuidance {
  private final KnowledgeBase kb;
  private final Map<String, Guidance> cache = new ConcurrentHashMap<>();

  public KbGuidance(KnowledgeBase kb) {
    this.kb = kb;
  }

  /** The guidance for {@code cwe} (any spelling) in {@code language}; none for a CWE the KB lacks. */
  public Guidance of(String cwe, Language language) {
    String id = CweIds.normalize(cwe);
    return cache.computeIfAbsent(id + "|" + language.id(), k -> compute(id, language));
  }

  private Guidance compute(String cwe, Language language) {
    CweEntry entry = kb.cwe(cwe).orElse(null);
    if (entry == null) return Guidance.none();
    String example = "";
    for (String exampleId : entry.examples()) {
      CodeExample e = kb.example(exampleId).orElse(null);
      if (e != null && e.language() == language) {
        example = e.secure();
        break;
      }
    }
    if (example.isEmpty()) {
      for (CodeExample e : kb.examples()) {
        if (e.cwe().equals(cwe) && e.language() == language) {
          example = e.secure();
          break;
        }
      }
    }
    return new Guidance(entry.guideline(), example);
  }
}
