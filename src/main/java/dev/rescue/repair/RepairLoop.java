package dev.rescue.repair;

import dev.rescue.check.CheckResult;
import dev.rescue.check.CodeChecker;
import dev.rescue.check.Finding;
import dev.rescue.check.SourceUnit;
import dev.rescue.check.ToolFailure;
import dev.rescue.generate.CodeBlocks;
import dev.rescue.internal.Tokens;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.ChatResult;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmException;
import dev.rescue.model.Language;
import dev.rescue.repair.RepairOutcome.StopReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Check, then ask the LLM to fix exactly what the check found, while findings remain and the caps
 * allow; keep the best candidate. It stands beside the pipeline, not in it: it takes generated code,
 * from RESCUE's pipeline or from the LLM alone, so RESCUE with repair and the repair baseline are one
 * loop with {@link RepairPolicy#guidance()} on or off.
 *
 * <p>The best candidate is one with no finding at or above the threshold and a whole check, else the
 * one with the fewest findings that count, the earliest of equals (a repair that changes nothing for
 * the better does not replace what came before it). Tokens are o200k counts of each request's
 * messages and of its answer, the unit of every token figure here.
 *
 * <p>Neither a checker nor an LLM failure loses the candidates so far: a checker that throws counts
 * as a {@link ToolFailure} of that candidate, and an LLM failure stops the loop with its reason.
 */
public final class RepairLoop {
  private final LlmClient llm;
  private final CodeChecker checker;
  private final RepairPolicy policy;

  public RepairLoop(LlmClient llm, CodeChecker checker, RepairPolicy policy) {
    this.llm = Objects.requireNonNull(llm, "llm");
    this.checker = Objects.requireNonNull(checker, "checker");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public RepairPolicy policy() {
    return policy;
  }

  /**
   * @param file the name findings are reported against
   * @param task what the code is for, or null
   * @param code the first candidate (already generated)
   */
  public RepairOutcome run(String file, String task, Language language, String code) {
    Objects.requireNonNull(language, "language");
    List<RepairRound> rounds = new ArrayList<>();
    RepairRound current = check(0, file, task, language, code, 0, 0, false);
    rounds.add(current);
    int spent = 0;
    while (true) {
      if (current.clean()) return done(rounds, StopReason.CLEAN, "");
      if (current.findings().isEmpty()) {
        return done(rounds, StopReason.CHECK_INCOMPLETE, failures(current.failures()));
      }
      if (rounds.size() > policy.rounds()) return done(rounds, StopReason.ROUNDS, policy.rounds() + " round(s)");
      List<ChatMessage> messages = RepairPrompt.messages(task, language, current.code(), current.findings(), policy.guidance());
      int prompt = 0;
      for (ChatMessage m : messages) prompt += Tokens.count(m.content());
      int expected = prompt + Tokens.count(current.code());
      if (spent + expected > policy.maxTokens()) {
        return done(rounds, StopReason.TOKENS, "spent " + spent + " of " + policy.maxTokens()
            + " tokens; the next round needs about " + expected);
      }
      ChatResult answer;
      try {
        answer = llm.chat(new ChatRequest(null, messages, policy.temperature(), policy.topP(), null, false));
      } catch (LlmException e) {
        return done(rounds, StopReason.LLM_ERROR, e.getMessage());
      }
      int completion = Tokens.count(answer.content());
      spent += prompt + completion;
      String fixed = CodeBlocks.first(answer.content());
      boolean seen = rounds.stream().anyMatch(r -> r.code().strip().equals(fixed.strip()));
      current = check(rounds.size(), file, task, language, fixed, prompt, completion, answer.cached());
      rounds.add(current);
      if (seen && !current.clean()) {
        return done(rounds, StopReason.UNCHANGED, "round " + current.round() + " repeated an earlier candidate");
      }
    }
  }

  private RepairRound check(int round, String file, String task, Language language, String code, int prompt,
      int completion, boolean cached) {
    CheckResult r;
    try {
      r = checker.check(new SourceUnit(file, code, language, task));
    } catch (RuntimeException e) {
      // the port never throws for bad code; one that does anyway must not cost the loop its candidates
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      r = new CheckResult(new SourceUnit(file, code, language, task), List.of(), List.of(new ToolFailure("checker", why)));
    }
    List<Finding> counted = r.findings().stream().filter(f -> f.severity().atLeast(policy.failOn())).toList();
    return new RepairRound(round, code, counted, r.failures(), prompt, completion, cached);
  }

  private static RepairOutcome done(List<RepairRound> rounds, StopReason stop, String detail) {
    return new RepairOutcome(rounds, best(rounds), stop, detail);
  }

  /** Clean first, then fewest findings, then earliest. */
  static int best(List<RepairRound> rounds) {
    return IntStream.range(0, rounds.size()).boxed()
        .min(Comparator.<Integer>comparingInt(i -> rounds.get(i).clean() ? 0 : 1)
            .thenComparingInt(i -> rounds.get(i).findings().size())
            .thenComparingInt(i -> i))
        .orElseThrow();
  }

  private static String failures(List<ToolFailure> failures) {
    return String.join("; ", failures.stream().map(f -> f.tool() + ": " + f.reason()).toList());
  }
}
