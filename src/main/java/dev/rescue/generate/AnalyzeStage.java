package dev.rescue.generate;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.LanguageGuesser;
import dev.rescue.llm.PromptTemplate;
import dev.rescue.llm.ChatMessage;
import dev.rescue.llm.ChatRequest;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import dev.rescue.pipeline.Analysis;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.Stage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RESCUE's proactive multi-faceted analysis. With an LLM, the vulnerability-cause analysis and the
 * zero-shot draft are requested concurrently, and the API calls come from the draft and from any
 * code the user gave. Without one, the cause facet reads the task text plus the prose of the given
 * code (comments, docstrings, function names), and the API and code facets read the given code.
 */
public final class AnalyzeStage implements Stage {
  private static final PromptTemplate CAUSE = PromptTemplate.load("pipeline/cause.txt");
  private static final PromptTemplate DRAFT = PromptTemplate.load("pipeline/draft.txt");
  /** Daemon threads, so a CLI run never waits on them at exit. */
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "rescue-analysis");
    t.setDaemon(true);
    return t;
  });

  private static final String NOTHING = "no security-relevant weakness";

  private final LlmClient llm;

  /** @param llm null for the no-LLM analysis */
  public AnalyzeStage(LlmClient llm) {
    this.llm = llm;
  }

  @Override
  public PipelineContext process(PipelineContext ctx, Chain chain) {
    return chain.proceed(ctx.withAnalysis(analyse(ctx.task())));
  }

  /** The facets of a task, without running the rest of the pipeline (calibration uses it). */
  public Analysis analyse(Task task) {
    String code = task.code() == null || task.code().isBlank() ? null : task.code();
    Language language = task.language() != null ? task.language()
        : code != null ? LanguageGuesser.guess(code).orElse(null)
        : TaskLanguage.named(task.task()).orElse(null);
    Set<String> apis = new LinkedHashSet<>();
    if (code != null && language != null) apis.addAll(ApiExtractor.apiCalls(code, language));
    if (llm == null) {
      String prose = CodeProse.of(code, language);
      String cause = (task.task().strip() + "\n" + prose).strip();
      return new Analysis(cause, code, List.copyOf(apis), language, null);
    }
    Map<String, String> vars = Map.of(
        "language", language == null ? "the language of the code, or Python if none" : language.displayName(),
        "task", task.task().isBlank() ? "Complete the code below." : task.task().strip(),
        "code", code == null ? "" : "```\n" + code + (code.endsWith("\n") ? "" : "\n") + "```\n");
    CompletableFuture<String> cause = ask(CAUSE.render(vars), 0.0);
    CompletableFuture<String> draft = ask(DRAFT.render(vars), 0.2);
    String causeText;
    String draftCode;
    try {
      causeText = cause.join().strip();
      // the cause prompt's explicit "nothing to fear" answer must not be matched against causes
      if (causeText.toLowerCase(java.util.Locale.ROOT).startsWith(NOTHING)) causeText = "";
      draftCode = CodeBlocks.first(draft.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Language draftLanguage = language != null ? language : LanguageGuesser.guess(draftCode).orElse(null);
    if (draftLanguage != null) apis.addAll(ApiExtractor.apiCalls(draftCode, draftLanguage));
    return new Analysis(causeText, draftCode, List.copyOf(apis), draftLanguage, draftCode);
  }

  private CompletableFuture<String> ask(String prompt, double temperature) {
    return CompletableFuture.supplyAsync(
        () -> llm.chat(ChatRequest.of(temperature, ChatMessage.user(prompt))).content(), CALLS);
  }
}
