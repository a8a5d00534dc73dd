package dev.rescue.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.Rescue;
import dev.rescue.analysis.LanguageGuesser;
import dev.rescue.Checkers;
import dev.rescue.model.Language;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.repair.RepairJson;
import dev.rescue.repair.RepairLoop;
import dev.rescue.repair.RepairOutcome;
import dev.rescue.repair.RepairPolicy;
import dev.rescue.repair.RepairRound;
import java.util.Locale;
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
      "RESCUE_LLM_MODEL and RESCUE_LLM_API_KEY (or OPENAI_BASE_URL and OPENAI_API_KEY).",
      "With --repair N the generated code is checked as 'rescue check' checks it (the KB's rules and the installed",
      "analysers), and while findings at or above --repair-fail-on remain, at most N times, the LLM is asked to fix",
      "exactly those findings, each with its CWE, location, message and the KB's guideline and secure example. The",
      "best candidate is printed: no findings, else the fewest, the earliest of equals. --json records every round",
      "(findings, tokens), the kept one and why the loop stopped. Exit status: 0, or 1 with --repair when findings",
      "remain in the printed code."},
    footer = {"", "Examples:",
      "  RESCUE_LLM_BASE_URL=http://localhost:11434/v1 RESCUE_LLM_MODEL=qwen2.5-coder:7b \\",
      "    rescue generate \"Write a Flask endpoint that returns a file from the uploads folder\"",
      "  rescue generate --repair 3 --json \"Run the ping command for a host name the user gives\""})
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TaskInput input;
  @Mixin KbOptions kbOptions;
  @Mixin PipelineSwitches switches;
  @Mixin LlmOptions llmOptions;
  @Mixin RepairOptions repairOptions;

  @Option(names = "--json", description = "Print code, context and retrieval as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    var task = input.read();
    RepairPolicy policy = repairOptions.rounds == null ? null
        : repairOptions.policy(switches.options().temperature(), switches.options().topP());
    if (policy == null && repairOptions.given()) {
      throw new IllegalArgumentException("--repair-max-tokens and --repair-fail-on need --repair N");
    }
    var llm = llmOptions.require();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RescueSession s = RescueSession.open(kbOptions, switches, llm)) {
      Rescue.GenerationResult g = s.rescue.generate(task);
      String code = g.generation().code();
      RepairOutcome repair = null;
      String noRepair = null;
      if (policy != null) {
        Language language = languageOf(g, task.language(), code);
        if (language == null) {
          noRepair = "the code's language is unknown (give --language)";
        } else {
          repair = new RepairLoop(llm, Checkers.standard(s.kb.kb()), policy).run(fileName(language), task.task(), language, code);
          code = repair.code();
        }
      }
      if (json) {
        ObjectNode o = ResultJson.of(g.retrieval());
        o.put("code", code);
        o.put("answer", g.generation().answer());
        o.put("explanation", g.generation().explanation());
        if (repair != null) o.set("repair", RepairJson.of(repair, policy));
        else if (noRepair != null) o.put("repair_skipped", noRepair);
        out.println(o);
      } else {
        err.println(g.generation().explanation());
        if (repair != null) err.println(summary(repair));
        else if (noRepair != null) err.println("rescue: no repair: " + noRepair);
        out.println(code);
      }
      out.flush();
      err.flush();
      return repair != null && !repair.keptRound().findings().isEmpty() ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
    }
  }

  /** The language the pipeline settled on, else the one given, else a guess from the code. */
  private static Language languageOf(Rescue.GenerationResult g, Language given, String code) {
    Language l = g.retrieval().analysis() == null ? null : g.retrieval().analysis().language();
    if (l == null) l = given;
    return l != null ? l : LanguageGuesser.guess(code).orElse(null);
  }

  /** The name findings are reported against: the generated code has no file of its own. */
  private static String fileName(Language language) {
    return "generated" + language.extensions().get(0);
  }

  static String summary(RepairOutcome o) {
    RepairRound kept = o.keptRound();
    return String.format(Locale.ROOT, "Repair: %d round(s), %d tokens; kept round %d with %d finding(s)%s; stopped: %s%s",
        o.repairRounds(), o.tokens(), kept.round(), kept.findings().size(),
        kept.findings().isEmpty() ? "" : " (" + String.join(", ", kept.findings().stream()
            .map(f -> f.cwe() + " line " + f.location().line()).toList()) + ")",
        o.stop().key(), o.detail().isBlank() ? "" : " (" + o.detail() + ")");
  }
}
