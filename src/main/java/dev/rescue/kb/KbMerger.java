package dev.rescue.kb;

import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Overlays several KBs (issue 4: {@code --kb} given several times). Entries of the same CWE merge:
 * guidelines and causes concatenated in KB order (an identical text once), examples pooled, API sets
 * unioned per language, provenance unioned, distillers joined with {@code +}. The first KB's name
 * wins when both have one. An example id present in two KBs with different content is an error
 * naming the id, never a silent choice.
 *
 * <p>Gates: calibration fits a KB's gates to that KB and its embedder, so a merge has no gates of
 * its own. When every KB has the same gates and embedder, the merge has them; when they differ the
 * merge is refused, naming the KBs and what differs, unless {@code gatesFrom} names (by its
 * {@code --kb} value) the KB whose gates and embedder the merge takes. Taking the first KB's gates
 * silently, as before, gave {@code --kb mine --kb bundled} the paper's bge-base gates with the
 * bundled bge-small embedder without a word.
 */
public final class KbMerger {
  private KbMerger() {}

  /**
   * @param labels one per KB, used in error messages (folder path or {@code bundled})
   */
  public static KnowledgeBase merge(List<KnowledgeBase> kbs, List<String> labels) {
    return merge(kbs, labels, null);
  }

  /**
   * @param gatesFrom the label of the KB whose gates and embedder the merge takes, or null when the
   *     KBs must agree on them
   */
  public static KnowledgeBase merge(List<KnowledgeBase> kbs, List<String> labels, String gatesFrom) {
    if (kbs.isEmpty()) throw new IllegalArgumentException("no KB to merge");
    if (kbs.size() == 1) return kbs.get(0);
    KbManifest gates = gateSource(kbs, labels, gatesFrom);
    Map<String, CweEntry> cwes = new LinkedHashMap<>();
    Map<String, CodeExample> examples = new LinkedHashMap<>();
    Map<String, String> exampleOrigin = new LinkedHashMap<>();
    List<KbManifest.Source> sources = new ArrayList<>();
    for (int i = 0; i < kbs.size(); i++) {
      KnowledgeBase kb = kbs.get(i);
      String label = labels.get(i);
      for (CodeExample e : kb.examples()) {
        CodeExample before = examples.putIfAbsent(e.id(), e);
        if (before == null) {
          exampleOrigin.put(e.id(), label);
        } else if (!before.equals(e)) {
          throw new IllegalArgumentException("example id '" + e.id() + "' is in both " + exampleOrigin.get(e.id())
              + " and " + label + " with different content: example ids must be unique across the KBs merged");
        }
      }
      for (CweEntry c : kb.cwes()) cwes.merge(c.cwe(), c, KbMerger::mergeEntry);
      for (KbManifest.Source s : kb.manifest().sources()) if (!sources.contains(s)) sources.add(s);
    }
    KbManifest manifest = new KbManifest(KbManifest.FORMAT_VERSION, Instant.now().toString(), sources,
        gates.embedder(), gates.gates(), Map.of("cwes", cwes.size(), "examples", examples.size()), Map.of());
    return new KnowledgeBase(manifest, List.copyOf(cwes.values()), List.copyOf(examples.values()));
  }

  /** The manifest whose gates and embedder the merge takes: the one all share, or {@code gatesFrom}'s. */
  private static KbManifest gateSource(List<KnowledgeBase> kbs, List<String> labels, String gatesFrom) {
    if (gatesFrom != null) {
      int i = labels.indexOf(gatesFrom);
      if (i < 0) {
        throw new IllegalArgumentException("--gates-from " + gatesFrom + " is not one of the KBs merged ("
            + String.join(", ", labels) + ")");
      }
      return kbs.get(i).manifest();
    }
    KbManifest first = kbs.get(0).manifest();
    for (int i = 1; i < kbs.size(); i++) {
      KbManifest m = kbs.get(i).manifest();
      if (!Objects.equals(first.gates(), m.gates()) || !Objects.equals(first.embedder(), m.embedder())) {
        throw new IllegalArgumentException("the KBs " + labels.get(0) + " and " + labels.get(i)
            + " were calibrated differently (" + describe(first) + " vs " + describe(m) + "), and a merge has the "
            + "gates of one of them: choose whose with --gates-from " + labels.get(0) + " or --gates-from " + labels.get(i));
      }
    }
    return first;
  }

  private static String describe(KbManifest m) {
    String embedder = m.embedder() == null ? "no embedder" : m.embedder().id();
    if (m.gates() == null) return embedder + ", no gates";
    return String.format(java.util.Locale.ROOT, "%s, tau_cause %s, tau_api %s, tau_code %s", embedder,
        m.gates().tauCause(), m.gates().tauApi(), m.gates().tauCode());
  }

  static CweEntry mergeEntry(CweEntry a, CweEntry b) {
    Map<String, ApiSet> apis = new TreeMap<>(a.apis());
    b.apis().forEach((lang, set) -> apis.merge(lang, set, (x, y) ->
        new ApiSet(union(x.risky(), y.risky()), union(x.safe(), y.safe()))));
    Provenance p = new Provenance(
        union(a.provenance().pairs(), b.provenance().pairs()),
        union(a.provenance().commits(), b.provenance().commits()),
        union(a.provenance().summaries(), b.provenance().summaries()),
        a.provenance().notice().isEmpty() ? b.provenance().notice() : a.provenance().notice());
    return new CweEntry(a.cwe(), a.name().isBlank() ? b.name() : a.name(),
        concat(a.guideline(), b.guideline()), concat(a.cause(), b.cause()), apis,
        union(a.examples(), b.examples()), p, String.join("+", union(
            List.of(a.distiller().split("\\+")), List.of(b.distiller().split("\\+")))));
  }

  private static String concat(String a, String b) {
    if (a.isBlank()) return b;
    if (b.isBlank() || a.contains(b)) return a;
    return a + "\n\n" + b;
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    s.removeIf(String::isBlank);
    return List.copyOf(s);
  }
}
