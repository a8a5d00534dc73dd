package dev.rescue.kb.distill;

import dev.rescue.kb.mitre.CweDefinition;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The no-LLM distiller ({@code kb build --no-llm}): mines each CWE's fixes for API migrations (a call
 * the fixes remove paired with the call they add in its place, by how often the two change together)
 * and for the guards fixes add, and writes them as guideline lines such as
 * "Prefer `yaml.safe_load` over `yaml.load` (seen in 7 fixes)." Name, cause and a mitigation come
 * from MITRE's catalogue when one is given.
 *
 * <p>Knobs: a migration, removal or guard must be seen in at least {@link #minSupport} fixes (1 for
 * CWEs with fewer than 4 fixes, else 2, else 3% of the fixes), so that one-off edits are not sold as rules;
 * the guideline keeps at most {@link WordLimits#GUIDELINE} words and the cause {@link WordLimits#CAUSE}.
 */
public final class RulesDistiller implements Distiller {
  public static final String ID = "rules";
  private static final int MAX_MIGRATIONS = 4;
  private static final int MAX_REMOVALS = 2;
  private static final int MAX_GUARDS = 3;

  private final ApiCallSource apis;
  private final MitreCatalog catalog;

  /** @param catalog MITRE's catalogue, or null: entries then have no name and a cause made of the mined facts */
  public RulesDistiller(ApiCallSource apis, MitreCatalog catalog) {
    this.apis = Objects.requireNonNull(apis, "apis");
    this.catalog = catalog;
  }

  @Override
  public CweEntry distill(String cwe, List<DistillInput> inputs) {
    String id = CweIds.normalize(cwe);
    if (inputs.isEmpty()) throw new DistillationException(id + ": no pairs to distil");
    List<FixDelta> deltas = new ArrayList<>(inputs.size());
    List<String[]> codes = new ArrayList<>(inputs.size());
    for (DistillInput in : inputs) {
      try {
        deltas.add(FixDelta.of(in, apis));
      } catch (RuntimeException e) {
        throw new DistillationException(id + ": cannot extract the API calls of " + in.example().id() + ": " + e.getMessage(), e);
      }
      codes.add(new String[] {in.example().vulnerable(), in.example().secure()});
    }
    int support = minSupport(inputs.size());
    Optional<CweDefinition> def = catalog == null ? Optional.empty() : catalog.get(id);

    List<String> lines = new ArrayList<>();
    List<Migration> migrations = migrations(deltas, support);
    Set<String> used = new HashSet<>();
    for (Migration m : migrations) {
      lines.add("Prefer `" + m.added + "` over `" + m.removed + "` (seen in " + fixes(m.count) + ").");
      used.add(m.removed);
      used.add(m.added);
    }
    Map<String, Integer> removed = new HashMap<>();
    for (FixDelta d : deltas) for (String r : d.removed()) removed.merge(r, 1, Integer::sum);
    removed.keySet().removeAll(used);
    removed.values().removeIf(c -> c < support);
    List<String> avoid = ApiSetBuilder.top(removed, MAX_REMOVALS);
    if (!avoid.isEmpty()) {
      List<String> parts = avoid.stream().map(a -> "`" + a + "` (removed in " + fixes(removed.get(a)) + ")").toList();
      lines.add("Avoid " + String.join(" and ", parts) + " where the input is untrusted.");
    }
    Map<String, Integer> guards = AddedGuards.count(codes);
    guards.values().removeIf(c -> c < support);
    List<String> topGuards = ApiSetBuilder.top(guards, MAX_GUARDS);
    if (!topGuards.isEmpty()) {
      List<String> parts = topGuards.stream().map(g -> g + " (" + fixes(guards.get(g)) + ")").toList();
      lines.add("Add the guards fixes add before the sensitive operation: " + String.join(", ", parts) + ".");
    }
    def.flatMap(d -> d.mitigations().stream().findFirst()).ifPresent(m -> lines.add(firstSentence(m)));
    if (lines.isEmpty()) {
      lines.add("Review code like this CWE's " + fixes(inputs.size()) + " examples: validate untrusted input and"
          + " use the safe APIs of the secure versions.");
    }

    String name = def.map(CweDefinition::name).orElse("");
    String cause = def.map(d -> words(join(d.description(), firstParagraph(d.extendedDescription())), WordLimits.CAUSE))
        .orElseGet(() -> minedCause(id, deltas));
    List<String> exampleIds = inputs.stream().map(in -> in.example().id()).toList();
    Set<String> commits = new LinkedHashSet<>();
    for (DistillInput in : inputs) {
      if (in.pair() != null && in.pair().commitLink() != null && !in.pair().commitLink().isBlank()) {
        commits.add(in.pair().commitLink());
      }
    }
    List<String> pairIds = inputs.stream().map(in -> in.pair() == null ? in.example().id() : in.pair().id()).toList();
    return new CweEntry(id, name, words(String.join(" ", lines), WordLimits.GUIDELINE), cause,
        ApiSetBuilder.fromDeltas(deltas), exampleIds, new Provenance(pairIds, List.copyOf(commits), List.of()), ID);
  }

  static int minSupport(int fixes) {
    if (fixes < 4) return 1;
    return Math.max(2, (int) Math.ceil(fixes * 0.03));
  }

  private record Migration(String removed, String added, int count, int affinity) {}

  /**
   * Pairs each removed call with the added call it changes together with most often, greedily, each
   * call used once. Ties go to the pair whose names share more (receiver, name parts), which is what
   * tells {@code yaml.load -> yaml.safe_load} from an incidental change in the same fix.
   */
  private static List<Migration> migrations(List<FixDelta> deltas, int support) {
    Map<List<String>, Integer> together = new HashMap<>();
    for (FixDelta d : deltas) {
      for (String r : d.removed()) {
        for (String a : d.added()) together.merge(List.of(r, a), 1, Integer::sum);
      }
    }
    List<Migration> candidates = new ArrayList<>();
    together.forEach((k, n) -> {
      int affinity = affinity(k.get(0), k.get(1));
      // A pair with nothing in common must recur more to count: incidental co-changes are common.
      if (n >= support && (affinity > 0 || n >= support + 1)) {
        candidates.add(new Migration(k.get(0), k.get(1), n, affinity));
      }
    });
    candidates.sort(Comparator.comparingInt(Migration::count).reversed()
        .thenComparing(Comparator.comparingInt(Migration::affinity).reversed())
        .thenComparing(Migration::added).thenComparing(Migration::removed));
    List<Migration> out = new ArrayList<>();
    Set<String> usedRemoved = new HashSet<>();
    Set<String> usedAdded = new HashSet<>();
    for (Migration m : candidates) {
      if (out.size() == MAX_MIGRATIONS) break;
      if (usedRemoved.contains(m.removed) || usedAdded.contains(m.added)) continue;
      usedRemoved.add(m.removed);
      usedAdded.add(m.added);
      out.add(m);
    }
    return out;
  }

  /** How many name parts two calls share ({@code yaml.load}, {@code yaml.safe_load}: yaml, load). */
  static int affinity(String a, String b) {
    Set<String> pa = parts(a);
    Set<String> pb = parts(b);
    pa.retainAll(pb);
    return pa.size();
  }

  private static Set<String> parts(String call) {
    Set<String> out = new TreeSet<>();
    for (String p : call.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")) {
      if (p.length() > 1) out.add(p.toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static String minedCause(String cwe, List<FixDelta> deltas) {
    Map<String, Integer> removed = new HashMap<>();
    Map<String, Integer> langs = new HashMap<>();
    for (FixDelta d : deltas) {
      for (String r : d.removed()) removed.merge(r, 1, Integer::sum);
      langs.merge(d.language().displayName(), 1, Integer::sum);
    }
    List<String> top = ApiSetBuilder.top(removed, 5);
    String text = cwe + " in " + String.join(", ", ApiSetBuilder.top(langs, 6)) + " code ("
        + fixes(deltas.size()) + ")"
        + (top.isEmpty() ? ": the vulnerable versions lack the checks their fixes add."
            : ": the vulnerable versions call " + String.join(", ", top.stream().map(t -> "`" + t + "`").toList())
                + " where their fixes do something safer.");
    return words(text, WordLimits.CAUSE);
  }

  private static String fixes(int n) {
    return n == 1 ? "1 fix" : n + " fixes";
  }

  private static String firstSentence(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    int dot = t.indexOf(". ");
    return dot < 0 ? t : t.substring(0, dot + 1);
  }

  private static String firstParagraph(String text) {
    if (text == null || text.isBlank()) return "";
    int p = text.indexOf("\n\n");
    return p < 0 ? text : text.substring(0, p);
  }

  private static String join(String a, String b) {
    return b.isBlank() ? a : a.strip() + " " + b.strip();
  }

  /** The text cut to {@code max} words, ending with an ellipsis when cut. */
  static String words(String text, int max) {
    String[] w = text.strip().split("\\s+");
    if (w.length <= max) return String.join(" ", w);
    return String.join(" ", java.util.Arrays.copyOf(w, max)) + " …";
  }
}
