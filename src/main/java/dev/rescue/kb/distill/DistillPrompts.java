package dev.rescue.kb.distill;

import dev.rescue.llm.PromptTemplate;
import dev.rescue.model.CodeExample;
import dev.rescue.model.VulnFixPair;
import java.util.List;
import java.util.Map;

/**
 * The prompts of {@link LlmDistiller}, kept as resource files under {@code prompts/distill/}
 * ({@code system.txt}, {@code leaf.txt}, {@code merge.txt}, {@code repair.txt}) with {@code {{name}}}
 * placeholders. Changing a prompt changes every request, hence every LLM cache key: the next build
 * asks the LLM again, as it should.
 *
 * <p>Long inputs are cut so one batch stays well inside small context windows: each slice to {@link
 * #MAX_SLICE_CHARS} characters, each commit message or description to {@link #MAX_NOTE_CHARS}.
 */
final class DistillPrompts {
  static final int MAX_SLICE_CHARS = 3000;
  static final int MAX_NOTE_CHARS = 400;
  private final String system;
  private final PromptTemplate leaf;
  private final PromptTemplate merge;
  private final PromptTemplate repair;

  private DistillPrompts(String system, PromptTemplate leaf, PromptTemplate merge, PromptTemplate repair) {
    this.system = system;
    this.leaf = leaf;
    this.merge = merge;
    this.repair = repair;
  }

  /** The bundled prompts. */
  static DistillPrompts bundled() {
    return new DistillPrompts(load("system.txt").text(), load("leaf.txt"), load("merge.txt"), load("repair.txt"));
  }

  String system() {
    return system;
  }

  /** The user message that summarises one batch of pairs. */
  String leaf(String cwe, String cweName, List<DistillInput> batch) {
    StringBuilder pairs = new StringBuilder();
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) pairs.append('\n');
      appendPair(pairs, i + 1, batch.get(i));
    }
    return fill(leaf, Map.of("count", String.valueOf(batch.size()), "cwe", cwe, "cwe_name", nameOrUnknown(cweName),
        "pairs", pairs.toString().strip()));
  }

  /** The user message that merges one batch of summaries. */
  String merge(String cwe, String cweName, List<String> summaries) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < summaries.size(); i++) {
      if (i > 0) text.append("\n\n");
      text.append("### Summary ").append(i + 1).append('\n').append(summaries.get(i));
    }
    return fill(merge, Map.of("count", String.valueOf(summaries.size()), "cwe", cwe, "cwe_name", nameOrUnknown(cweName),
        "summaries", text.toString()));
  }

  /** The follow-up message after an unusable answer. */
  String repair(String problem) {
    return fill(repair, Map.of("problem", problem));
  }

  private static void appendPair(StringBuilder out, int number, DistillInput input) {
    VulnFixPair pair = input.pair();
    CodeExample example = input.example();
    // Without slices (a pair the slicer could not handle) the whole functions are shown.
    String vulnerable = example != null ? example.vulnerable() : pair.before();
    String secure = example != null ? example.secure() : pair.after();
    String lang = pair.language().id();
    out.append("### Fix ").append(number).append(" (").append(pair.language().displayName()).append(")\n");
    String note = firstPresent(pair.commitMessage(), pair.description(), example == null ? null : example.description());
    if (note != null) out.append("Fix message: ").append(cut(note.strip().replaceAll("\\s+", " "), MAX_NOTE_CHARS)).append('\n');
    out.append("Vulnerable:\n```").append(lang).append('\n').append(cut(vulnerable.stripTrailing(), MAX_SLICE_CHARS))
        .append("\n```\n");
    out.append("Fixed:\n```").append(lang).append('\n').append(cut(secure.stripTrailing(), MAX_SLICE_CHARS))
        .append("\n```\n");
  }

  private static String firstPresent(String... texts) {
    for (String t : texts) if (t != null && !t.isBlank()) return t;
    return null;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "\n... (cut)";
  }

  private static String nameOrUnknown(String name) {
    return name == null || name.isBlank() ? "name unknown" : name;
  }

  private static String fill(PromptTemplate template, Map<String, String> values) {
    return template.render(values).strip();
  }

  private static PromptTemplate load(String name) {
    return PromptTemplate.load("distill/" + name);
  }
}
