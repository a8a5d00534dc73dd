package dev.rescue.cli;

import dev.rescue.internal.StartupTrace;
import dev.rescue.model.Facet;
import dev.rescue.model.FacetScore;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.pipeline.ResultJson;
import dev.rescue.pipeline.RetrievalResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "context", mixinStandardHelpOptions = true,
    header = "Print the security context RESCUE would put in front of a coding task.",
    description = {
      "Analyses the task (with an LLM when one is configured and --no-llm is not given; otherwise from the",
      "task text and the given code), retrieves the relevant CWEs and secure examples from the knowledge",
      "base, and prints the context text on stdout; the selected CWEs and their facet scores go to stderr.",
      "Prints nothing on stdout when the task needs no security guidance (abstention)."},
    footer = {"", "Examples:",
      "  rescue context \"Write a Flask endpoint that loads a YAML config uploaded by the user\"",
      "  rescue context \"Complete this function\" --code handler.c --json",
      "  rescue context \"Store user passwords\" --kb bundled --kb ./our-kb"})
final class ContextCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TaskInput input;
  @Mixin KbOptions kbOptions;
  @Mixin RetrievalSwitches switches;
  @Mixin LlmOptions llmOptions;

  @Option(names = "--json", description = "Print the retrieval result as JSON instead.")
  boolean json;

  @Option(names = "--no-llm", description = "Do not use an LLM for the analysis even when one is configured.")
  boolean noLlm;

  @Override
  public Integer call() throws Exception {
    var task = input.read();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RescueSession s = RescueSession.open(kbOptions, switches, noLlm ? null : llmOptions.clientOrNull())) {
      RetrievalResult r;
      try (var t = StartupTrace.span("context")) {
        r = s.context(task, w -> {
          err.println(w);
          err.flush();
        });
      }
      if (json) {
        out.println(ResultJson.of(r).toString());
      } else {
        describe(r, err);
        out.print(r.context());
      }
      out.flush();
      err.flush();
    }
    return ExitCodes.OK;
  }

  static void describe(RetrievalResult r, PrintWriter err) {
    if (r.abstained()) {
      err.println("No security context for this task (abstained): " + String.join("; ", r.abstentionReasons()));
      return;
    }
    for (ScoredCwe c : r.cwes()) {
      err.printf(Locale.ROOT, "%-8s %-60s rrf %.4f %s%n", c.cwe(), trim(c.entry().name(), 60), c.score(), facets(c.facets()));
    }
    for (ScoredExample e : r.examples()) {
      err.printf(Locale.ROOT, "example  %-60s rrf %.4f %s%n", e.example().id(), e.score(), facets(e.facets()));
    }
    err.printf(Locale.ROOT, "context: %d tokens, retrieval %.1f ms%n", r.contextTokens(), r.latencyMs());
  }

  private static String facets(java.util.Map<Facet, FacetScore> f) {
    StringBuilder sb = new StringBuilder();
    for (Facet k : Facet.values()) {
      FacetScore s = f.get(k);
      if (s == null) continue;
      sb.append(String.format(Locale.ROOT, " %s %.3f #%d%s", k.key(), s.score(), s.rank(), s.passed() ? "" : " (gated)"));
    }
    return sb.toString().trim();
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
