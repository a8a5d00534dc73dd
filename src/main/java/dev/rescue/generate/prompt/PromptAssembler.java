package dev.rescue.generate.prompt;

import dev.rescue.internal.Tokens;
import dev.rescue.llm.ChatMessage;
import dev.rescue.model.CodeExample;
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
 * The token budget drops the lowest-ranked items first: examples from the last, then guidelines
 * from the last. The draft never goes in: only the task and the code the user gave.
 */
public final class PromptAssembler {
  private static final PromptTemplate SYSTEM = PromptTemplate.load("pipeline/system.txt");
  private static final PromptTemplate FINAL = PromptTemplate.load("pipeline/final.txt");
  private static final String HEADER =
      "Security guidance for this task (retrieved from a security knowledge base; follow it where it applies):\n";

  public AssembledPrompt assemble(Task task, Language language, List<ScoredCwe> cwes, List<ScoredExample> examples,
      PipelineOptions options) {
    List<String> guidelines = new ArrayList<>();
    List<String> guidelineIds = new ArrayList<>();
    if (options.guidelines()) {
      for (ScoredCwe c : cwes) {
        String g = c.entry().guideline().strip();
        if (g.isEmpty()) continue;
        String name = c.entry().name().isBlank() ? "" : " " + c.entry().name().strip();
        guidelines.add("- " + c.cwe() + name + ": " + g + "\n");
        guidelineIds.add("guideline " + c.cwe());
      }
    }
    List<String> shown = new ArrayList<>();
    List<String> exampleIds = new ArrayList<>();
    if (options.examples()) {
      for (ScoredExample s : examples) {
        shown.add(example(s.example(), options.showVulnerable()));
        exampleIds.add("example " + s.example().id());
      }
    }
    List<String> dropped = new ArrayList<>();
    String context = render(guidelines, shown);
    while (Tokens.count(context) > options.tokenBudget() && !(shown.isEmpty() && guidelines.isEmpty())) {
      if (!shown.isEmpty()) {
        shown.remove(shown.size() - 1);
        dropped.add(exampleIds.remove(exampleIds.size() - 1));
      } else {
        guidelines.remove(guidelines.size() - 1);
        dropped.add(guidelineIds.remove(guidelineIds.size() - 1));
      }
      context = render(guidelines, shown);
    }
    String lang = language == null ? "the language of the code below, or Python if none" : language.displayName();
    String user = FINAL.render(Map.of(
        "context", context.isEmpty() ? "" : context + "\n",
        "language", lang,
        "task", task.task().isBlank() ? "Complete the code below." : task.task().strip(),
        "code", task.code() == null || task.code().isBlank() ? "" : fence(task.code(), language)));
    return new AssembledPrompt(context, Tokens.count(context),
        List.of(ChatMessage.system(SYSTEM.text().strip()), ChatMessage.user(user)), dropped);
  }

  private static String render(List<String> guidelines, List<String> examples) {
    if (guidelines.isEmpty() && examples.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(HEADER);
    guidelines.forEach(sb::append);
    for (String e : examples) sb.append('\n').append(e);
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

  static String fence(String code, Language language) {
    String tag = language == null ? "" : switch (language) {
      case PYTHON -> "python";
      case JAVASCRIPT -> "javascript";
      default -> language.id();
    };
    String body = code.endsWith("\n") ? code : code + "\n";
    return "```" + tag + "\n" + body + "```\n";
  }
}
