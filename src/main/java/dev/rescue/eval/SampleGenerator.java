package dev.rescue.eval;

import dev.rescue.Rescue;
import dev.rescue.generate.CodeBlocks;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.Task;
import dev.rescue.repair.RepairLoop;
import dev.rescue.repair.RepairOutcome;
import java.util.List;

/**
 * Produces one sample for a task with an LLM: {@code none} asks the model directly (temperature and
 * top_p as given); the other methods go through the RESCUE pipeline with their retriever and
 * options. The answer's first code block is the sample: a whole program when it repeats the
 * prompt's opening, otherwise a completion to append. Each generated sample carries the o200k tokens
 * of the prompt of its final generation request. {@link #repaired} puts any of them through the
 * repair loop.
 */
public interface SampleGenerator {
  /** @return the sample; {@link Completion#program()} or {@link Completion#completion()} is set */
  Completion generate(EvalTask task, int sample);

  String INSTRUCTION = "Complete the following code. Answer with the complete code file in one fenced code block, "
      + "including the given code, and nothing else.";

  static SampleGenerator direct(String method, LlmClient llm, double temperature, Double topP) {
    return (task, sample) -> {
      var request = new ChatRequest(null, List.of(ChatMessage.system("You are an expert programmer."),
          ChatMessage.user(INSTRUCTION + "\n\n```" + task.language().id() + "\n" + task.prompt() + "\n```")),
          temperature, topP, null, false);
      return toCompletion(method, task, sample, CodeBlocks.first(llm.chat(request).content()))
          .withPromptTokens(PromptMeter.tokens(request));
    };
  }

  static SampleGenerator pipeline(String method, Rescue rescue) {
    return pipeline(method, rescue, null, null);
  }

  /**
   * @param options this method's pipeline options, or null for the pipeline's own
   * @param meter the LLM the pipeline was built with, wrapped to measure the final prompt; or null
   */
  static SampleGenerator pipeline(String method, Rescue rescue, dev.rescue.pipeline.PipelineOptions options,
      PromptMeter meter) {
    return (task, sample) -> {
      Task t = new Task(task.id() + "#" + sample, INSTRUCTION, task.prompt(), task.language());
      if (meter != null) meter.reset();
      var result = options == null ? rescue.generate(t) : rescue.generate(t, options);
      return toCompletion(method, task, sample, result.generation().code())
          .withPromptTokens(meter == null ? null : meter.lastPromptTokens());
    };
  }

  /**
   * {@code generated}, then the repair loop over the program it makes (the task's prompt and the
   * completion, or the whole program; the benchmark's own scaffolding is not the model's and is left
   * out). The kept candidate becomes the sample; when it is the generated one, the sample is unchanged.
   */
  static SampleGenerator repaired(String method, SampleGenerator generated, RepairLoop loop) {
    return (task, sample) -> {
      Completion first = generated.generate(task, sample);
      String program = first.program() != null ? first.program() : task.prompt() + first.completion();
      RepairOutcome o = loop.run(task.id(), null, task.language(), program);
      SampleRepair summary = new SampleRepair(o.repairRounds(), o.tokens(), o.kept(), o.stop().key(),
          o.rounds().get(0).findings().size(), o.keptRound().findings().size());
      Completion kept = o.kept() == 0 ? first
          : toCompletion(method, task, sample, o.code()).withPromptTokens(first.promptTokens());
      return kept.withRepair(summary);
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
