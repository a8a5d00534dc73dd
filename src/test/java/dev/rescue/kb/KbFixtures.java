package dev.rescue.kb;

import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.Provenance;
import java.util.List;
import java.util.Map;

/** Small, hand-written KBs for the KB tests. */
final class KbFixtures {
  private KbFixtures() {}

  static KbManifest manifest() {
    return new KbManifest(KbManifest.FORMAT_VERSION, "2026-01-01T00:00:00Z",
        List.of(new KbManifest.Source("safecoder:test.jsonl", "ab".repeat(32))),
        new KbManifest.EmbedderInfo("bge-small-en-v1.5-q", 384), FusionPolicy.paperDefaults(), Map.of(), Map.of());
  }

  static CodeExample yamlExample(String id) {
    return new CodeExample(id, "CWE-502", Language.PYTHON,
        "def load(doc):\n    return yaml.load(doc)\n", "def load(doc):\n    return yaml.safe_load(doc)\n",
        List.of("yaml.load", "yaml.safe_load"), List.of(2), 2, 9, "https://example.org/commit/1",
        "Load a YAML document sent by a client");
  }

  static CodeExample sqlExample(String id) {
    return new CodeExample(id, "CWE-89", Language.PYTHON,
        "def find(db, name):\n    return db.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n",
        "def find(db, name):\n    return db.execute(\"SELECT * FROM users WHERE name = ?\", (name,))\n",
        List.of("db.execute"), List.of(2), 2, 20, "curated", "Look up a user by name in a SQL database");
  }

  static CweEntry yamlEntry(String guideline, String... examples) {
    return new CweEntry("CWE-502", "Deserialization of Untrusted Data", guideline,
        "Loading YAML or pickle documents that a user uploaded builds arbitrary objects.",
        Map.of("py", new ApiSet(List.of("yaml.load"), List.of("yaml.safe_load"))), List.of(examples),
        new Provenance(List.of("p1"), List.of("https://example.org/commit/1"), List.of()), "rules");
  }

  static CweEntry sqlEntry(String... examples) {
    return new CweEntry("CWE-89", "SQL Injection", "Use parameterized queries: `cursor.execute(sql, params)`.",
        "Building SQL statements by concatenating strings that contain user input.",
        Map.of("py", new ApiSet(List.of("cursor.execute"), List.of())), List.of(examples), Provenance.none(), "curated");
  }

  /** Two CWEs, two examples. */
  static KnowledgeBase small() {
    return new KnowledgeBase(manifest(),
        List.of(yamlEntry("Prefer `yaml.safe_load` over `yaml.load` (seen in 1 fix).", "ex-yaml"), sqlEntry("ex-sql")),
        List.of(yamlExample("ex-yaml"), sqlExample("ex-sql")));
  }
}
