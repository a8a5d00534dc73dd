package dev.rescue.generate.prompt;

import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.PromptTemplate;
import dev.rescue.model.CodeExample;
import dev.rescue.model.ContextShare;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.model.Task;
import dev.rescue.pipeline.AssembledPrompt;
import dev.rescue.pipeline.PipelineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the security context (guidelines with CWE id and name, then secure examples, optionally
 * with their vulnerable counterparts marked as what to avoid) and the final prompt around the task.
 * A CWE that does not earn its whole share ({@link ContextShare}) gets its guideline's core rule,
 * unless {@link PipelineOptions#fullContext()}.
 * The token budget drops the lowest-ranked items first: the last CWE's examples, then its
 * guideline, then the CWE ranked above it, and so on. The draft never goes in: only the task and the code the user gave.
 */
public final class PromptAssembler {
  private static final PromptTemplate SYSTEM = PromptTemplate.load("pipeline/system.txt");
  private static final PromptTemplate FINAL = PromptTemplate.load("pipeline/final.txt");
  private static final String HEADER =
      "Security guidance for this task (retrieved from a security knowledge base; follow it where it applies):\n";

  /**
   * Counting a context's o200k tokens costs more CPU than the rest of the assembly (a BPE pass over a
   * few kilobytes, once per budget check), and the same contexts come back: the KB is finite and the
   * same CWEs and examples are selected for many tasks.
   */
  private final TokenCountMemo counts = new TokenCountMemo(TokenCountMemo.DEFAULT_CAPACITY);

  public AssembledPrompt assemble(Task task, Language language, List<ScoredCwe> cwes, List<ScoredExample> examples,
      PipelineOptions options) {
    // items in rank order: each CWE's guideline, then its examples; the budget drops from the end
    List<Item> items = new ArrayList<>();
    for (ScoredCwe c : cwes) {
      String g = GuidelineText.forLanguage(c.entry().guideline().strip(), language);
      if (!options.fullContext() && !ContextShare.whole(cwes, c)) g = GuidelineText.coreRule(g);
      if (options.guidelines() && !g.isEmpty()) {
        String name = c.entry().name().isBlank() ? "" : " " + c.entry().name().strip();
        items.add(new Item("guideline " + c.cwe(), true, "- " + c.cwe() + name + ": " + g + "\n"));
      }
      if (options.examples()) {
        for (ScoredExample s : examples) {
          if (s.example().cwe().equals(c.cwe())) {
            items.add(new Item("example " + s.example().id(), false, example(s.example(), options.showVulnerable())));
          }
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    String context = render(items);
    int tokens = counts.count(context);
    while (!items.isEmpty() && tokens > options.tokenBudget()) {
      dropped.add(items.remove(items.size() - 1).id());
      context = render(items);
      tokens = counts.count(context);
    }
    String lang = language == null ? "the language of the code below, or Python if none" : language.displayName();
    String user = FINAL.render(Map.of(
        "context", context.isEmpty() ? "" : context + "\n",
        "language", lang,
        "task", task.task().isBlank() ? "Complete the code below." : task.task().strip(),
        "code", task.code() == null || task.code().isBlank() ? "" : fence(task.code(), language)));
    return new AssembledPrompt(context, tokens,
        List.of(ChatMessage.system(SYSTEM.text().strip()), ChatMessage.user(user)), dropped);
  }

  /** One droppable piece of the context. */
  private record Item(String id, boolean guideline, String text) {}

  /** All guidelines first, then all examples, each group in rank order. */
  private static String render(List<Item> items) {
    if (items.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(HEADER);
    items.stream().filter(Item::guideline).forEach(i -> sb.append(i.text()));
    items.stream().filter(i -> !i.guideline()).forEach(i -> sb.append('\n').append(i.text()));
    return sb.toString();
  }

  private static String example(CodeExample ex, boolean withVulnerable) {
    String what = ex.description() == null || ex.description().isBlank() ? "" : ": " + ex.description().strip();
    StringBuilder sb = new StringBuilder();
    sb.append("Secure example for ").append(ex.cwe()).append(" (").append(ex.language().displayName()).append(')')
        .append(what).append('\n').append(fence(ex.secure(), ex.language()));
    if (withVulnerable) {
      sb.append("Vulnerable version of the same code (do NOT write code like this):\n")
          .append(fence(ex.vulnerable(), ex.language()));
    }
    return sb.toString();
  }

  /** {@code code} in a fence tagged with its language, ending in a newline. */
  public static String fence(String code, Language language) {
    String tag = language == null ? "" : switch (language) {
      case PYTHON -> "python";
      case JAVASCRIPT -> "javascript";
      default -> language.id();
    };
    String body = code.endsWith("\n") ? code : code + "\n";
    return "```" + tag + "\n" + body + "```\n";
  }
}
