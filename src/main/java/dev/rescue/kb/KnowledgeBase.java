package dev.rescue.kb;

import dev.rescue.index.KbLayers;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.FusionPolicy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded knowledge base: the CWE layer above the code layer, and its manifest. Immutable. */
public final class KnowledgeBase {
  private final KbManifest manifest;
  private final Map<String, CweEntry> cwes = new LinkedHashMap<>();
  private final Map<String, CodeExample> examples = new LinkedHashMap<>();

  public KnowledgeBase(KbManifest manifest, List<CweEntry> cwes, List<CodeExample> examples) {
    this.manifest = manifest;
    for (CweEntry c : cwes) {
      if (this.cwes.putIfAbsent(c.cwe(), c) != null) {
        throw new IllegalArgumentException("duplicate CWE entry " + c.cwe());
      }
    }
    for (CodeExample e : examples) {
      if (this.examples.putIfAbsent(e.id(), e) != null) {
        throw new IllegalArgumentException("duplicate example id " + e.id());
      }
    }
  }

  public KbManifest manifest() {
    return manifest;
  }

  /**
   * The gates retrieval uses over this KB: the calibrated ones of its manifest, or the paper's defaults
   * when it has none (a KB built but never calibrated). The one place that falls back.
   */
  public FusionPolicy gates() {
    return manifest != null && manifest.gates() != null ? manifest.gates() : FusionPolicy.paperDefaults();
  }

  public Collection<CweEntry> cwes() {
    return cwes.values();
  }

  public Collection<CodeExample> examples() {
    return examples.values();
  }

  /** The two layers, as an index is built from them. */
  public KbLayers layers() {
    return new KbLayers(cwes.values(), examples.values());
  }

  public Optional<CweEntry> cwe(String id) {
    return Optional.ofNullable(cwes.get(id));
  }

  public Optional<CodeExample> example(String id) {
    return Optional.ofNullable(examples.get(id));
  }
}
