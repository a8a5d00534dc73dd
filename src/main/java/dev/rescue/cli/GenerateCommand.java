package dev.rescue.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.Rescue;
import dev.rescue.pipeline.ResultJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Write code for a task with RESCUE's security context (needs an LLM).",
    description = {
      "Runs the whole online pipeline: the LLM's vulnerability-cause analysis and draft (concurrently),",
      "retrieval, prompt assembly, and the final generation. Prints the code on stdout and what context",
      "was used on stderr. The LLM comes from --llm-base-url/--llm-model or RESCUE_LLM_BASE_URL,",
      "RESCUE_LLM_MODEL and RESCUE_LLM_API_KEY (or OPENAI_BASE_URL and OPENAI_API_KEY)."},
    footer = {"", "Example:",
      "  RESCUE_LLM_BASE_URL=http://localhost:11434/v1 RESCUE_LLM_MODEL=qwen2.5-coder:7b \\",
      "    rescue generate \"Write a Flask endpoint that returns a file from the uploads folder\""})
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TaskInput input;
  @Mixin KbOptions kbOptions;
  @Mixin PipelineSwitches switches;
  @Mixin LlmOptions llmOptions;

  @Option(names = "--json", description = "Print code, context and retrieval as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    var task = input.read();
    var llm = llmOptions.require();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RescueSession s = RescueSession.open(kbOptions, switches, llm)) {
      Rescue.GenerationResult g = s.rescue.generate(task);
      if (json) {
        ObjectNode o = ResultJson.of(g.retrieval());
        o.put("code", g.generation().code());
        o.put("answer", g.generation().answer());
        o.put("explanation", g.generation().explanation());
        out.println(o);
      } else {
        err.println(g.generation().explanation());
        out.println(g.generation().code());
      }
      out.flush();
      err.flush();
    }
    return ExitCodes.OK;
  }
}
