package dev.rescue.eval;

import dev.rescue.Rescue;
import dev.rescue.generate.CodeBlocks;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import java.util.List;

/**
 * Produces one sample for a task with an LLM: {@code none} asks the model directly (temperature and
 * top_p as given); {@code rescue} and {@code baseline} go through the RESCUE pipeline with its
 * retriever. The answer's first code block is the sample: a whole program when it repeats the
 * prompt's opening, otherwise a completion to append.
 */
public interface SampleGenerator {
  /** @return the sample; {@link Completion#program()} or {@link Completion#completion()} is set */
  Completion generate(EvalTask task, int sample);

  String INSTRUCTION = "Complete the following code. Answer with the complete code file in one fenced code block, "
      + "including the given code, and nothing else.";

  static SampleGenerator direct(String method, LlmClient llm, double temperature, Double topP) {
    return (task, sample) -> {
      var request = new ChatRequest(null, List.of(ChatMessage.system("You are an expert programmer."),
          ChatMessage.user(INSTRUCTION + "\n\n```" + task.language() + "\n" + task.prompt() + "\n```")),
          temperature, topP, null, false);
      return toCompletion(method, task, sample, CodeBlocks.first(llm.chat(request).content()));
    };
  }

  static SampleGenerator pipeline(String method, Rescue rescue) {
    return (task, sample) -> {
      Language lang = Language.fromId(task.language()).orElse(null);
      var result = rescue.generate(new Task(task.id() + "#" + sample, INSTRUCTION, task.prompt(), lang));
      return toCompletion(method, task, sample, result.generation().code());
    };
  }

  static Completion toCompletion(String method, EvalTask task, int sample, String code) {
    // an answer that repeats the prompt through its last line continues from there: a completion, so
    // the benchmark can add what follows the solution (CWEval's entry point)
    String last = task.prompt().strip().lines().reduce((a, b) -> b).orElse("").strip();
    int at = last.isEmpty() ? -1 : code.indexOf(last);
    if (at >= 0 && code.strip().startsWith(task.prompt().strip().lines().findFirst().orElse("").strip())) {
      int eol = code.indexOf('\n', at);
      return new Completion(method, task.id(), sample, eol < 0 ? "" : code.substring(eol + 1), null);
    }
    String opening = task.prompt().strip();
    opening = opening.substring(0, Math.min(40, opening.length()));
    boolean whole = code.strip().startsWith(opening) || code.contains("BEGIN SOLUTION");
    return whole ? new Completion(method, task.id(), sample, null, code) : new Completion(method, task.id(), sample, code, null);
  }
}
