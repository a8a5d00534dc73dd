package dev.rescue.repair;

import dev.rescue.check.Finding;
import dev.rescue.check.Guidance;
import dev.rescue.generate.prompt.PromptAssembler;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.PromptTemplate;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request that asks the LLM to fix a candidate's findings. Findings are grouped by CWE in the
 * order the check reported them; each gives its location, tool, rule, severity and message. With
 * guidance, each CWE's guideline and secure example follow its findings once (several findings of
 * one CWE share them, so they are not repeated). The prompt holds the current code only, not the
 * earlier rounds: its size stays that of one round, and a request is fixed by the code and its
 * findings, so the LLM cache can answer it again.
 */
public final class RepairPrompt {
  private static final PromptTemplate SYSTEM = PromptTemplate.load("repair/system.txt");
  private static final PromptTemplate FIX = PromptTemplate.load("repair/fix.txt");

  private RepairPrompt() {}

  /**
   * @param task what the code is for; blank when unknown
   * @param findings the findings to fix, at least one
   */
  public static List<ChatMessage> messages(String task, Language language, String code, List<Finding> findings,
      boolean guidance) {
    if (findings.isEmpty()) throw new IllegalArgumentException("a repair request needs at least one finding");
    String user = FIX.render(Map.of(
        "language", language.displayName(),
        "task", task == null || task.isBlank() ? "(as its comments and names describe)" : task.strip(),
        "findings", findings(findings, language, guidance),
        "code", PromptAssembler.fence(code, language)));
    return List.of(ChatMessage.system(SYSTEM.text().strip()), ChatMessage.user(user));
  }

  static String findings(List<Finding> findings, Language language, boolean guidance) {
    Map<String, List<Finding>> byCwe = new LinkedHashMap<>();
    for (Finding f : findings) byCwe.computeIfAbsent(f.cwe(), k -> new ArrayList<>()).add(f);
    StringBuilder sb = new StringBuilder();
    for (var e : byCwe.entrySet()) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(e.getKey()).append(":\n");
      for (Finding f : e.getValue()) {
        sb.append("- line ").append(f.location().line()).append(", column ").append(f.location().column())
            .append(" (").append(f.tool()).append(f.ruleId().isBlank() ? "" : " " + f.ruleId()).append(", ")
            .append(f.severity().name().toLowerCase(Locale.ROOT)).append("): ")
            .append(f.message().isBlank() ? "no message" : f.message().strip()).append('\n');
      }
      if (!guidance) continue;
      Guidance g = e.getValue().stream().map(Finding::guidance).filter(x -> !x.isEmpty()).findFirst().orElse(null);
      if (g == null) continue;
      if (!g.guideline().isBlank()) sb.append("Guideline: ").append(g.guideline().strip()).append('\n');
      if (!g.secureExample().isBlank()) {
        sb.append("Secure example:\n").append(PromptAssembler.fence(g.secureExample(), language));
      }
    }
    return sb.toString();
  }
}
