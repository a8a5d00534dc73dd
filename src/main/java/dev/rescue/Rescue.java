package dev.rescue;

import dev.rescue.embed.Embedder;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmSettings;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Task;
import dev.rescue.pipeline.Generation;
import dev.rescue.pipeline.PipelineContext;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RealChain;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.pipeline.RetrieverKind;
import dev.rescue.pipeline.Stage;
import java.util.List;
import java.util.Objects;

/**
 * The library entry point: security context for a task, and secure generation.
 *
 * <pre>{@code
 * Embedder embedder = Embedders.fromSpec("bundled");
 * try (LoadedKb kb = new KbLoader(KbEngines.standard(), embedder, KbLoader.defaultIndexCache(), System.err::println)
 *     .load(List.of())) {
 *   Rescue rescue = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).build();
 *   RetrievalResult r = rescue.context(new Task("t1", "Parse a YAML file uploaded by the user", null, null));
 *   System.out.println(r.context());
 * }
 * }</pre>
 *
 * The README's library section shows the same with its imports (a test compiles and runs it).
 *
 * Thread-safe: one instance serves concurrent calls.
 */
public final class Rescue {
  private final List<Stage> contextStages;
  private final List<Stage> generateStages;
  private final PipelineOptions options;
  private final FusionPolicy policy;

  private Rescue(Builder b) {
    FusionPolicy policy = b.policy != null ? b.policy : b.kb.gates();
    LlmClient analysisLlm = b.llmAnalysis ? b.llm : null;
    this.contextStages = PipelineFactory.stages(b.kb, b.index, b.embedder, analysisLlm, policy, false, b.retriever);
    this.generateStages = b.llm == null ? null : PipelineFactory.stages(b.kb, b.index, b.embedder, b.llm, policy, true, b.retriever);
    this.options = b.options;
    this.policy = policy;
  }

  /** The fusion policy in force: the KB's calibrated gates unless overridden. */
  public FusionPolicy policy() {
    return policy;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The security context for a task; uses the LLM for analysis only when one was given. */
  public RetrievalResult context(Task task) {
    return RetrievalResult.of(run(contextStages, task, options));
  }

  public RetrievalResult context(Task task, PipelineOptions opts) {
    return RetrievalResult.of(run(contextStages, task, opts));
  }

  /** The whole online pipeline: analysis, retrieval, assembly and generation. Needs an LLM. */
  public GenerationResult generate(Task task) {
    return generate(task, options);
  }

  public GenerationResult generate(Task task, PipelineOptions opts) {
    if (generateStages == null) {
      LlmSettings.none().require(); // throws, saying how to configure an LLM
      throw new IllegalStateException("no LLM configured");
    }
    PipelineContext ctx = run(generateStages, task, opts);
    return new GenerationResult(RetrievalResult.of(ctx), ctx.generation());
  }

  private static PipelineContext run(List<Stage> stages, Task task, PipelineOptions opts) {
    return RealChain.run(stages, PipelineContext.start(task, opts));
  }

  /** The final code and the context it was generated with. */
  public record GenerationResult(RetrievalResult retrieval, Generation generation) {}

  public static final class Builder {
    private KnowledgeBase kb;
    private KnowledgeIndex index;
    private Embedder embedder;
    private LlmClient llm;
    private boolean llmAnalysis = true;
    private FusionPolicy policy;
    private PipelineOptions options = PipelineOptions.defaults();
    private RetrieverKind retriever = RetrieverKind.RESCUE;

    /** RESCUE retrieval (the default) or the text-similarity baseline, for comparisons. */
    public Builder retriever(RetrieverKind kind) {
      this.retriever = Objects.requireNonNull(kind, "retriever");
      return this;
    }

    public Builder knowledgeBase(KnowledgeBase kb, KnowledgeIndex index) {
      this.kb = kb;
      this.index = index;
      return this;
    }

    public Builder embedder(Embedder embedder) {
      this.embedder = embedder;
      return this;
    }

    /** The LLM for analysis and generation; null (the default) for the no-LLM mode. */
    public Builder llm(LlmClient llm) {
      this.llm = llm;
      return this;
    }

    /** Whether {@link #context} uses the LLM for the cause analysis and draft (default true when an LLM is set). */
    public Builder llmAnalysis(boolean on) {
      this.llmAnalysis = on;
      return this;
    }

    /** Overrides the gates stored with the knowledge base. */
    public Builder policy(FusionPolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder options(PipelineOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    public Rescue build() {
      Objects.requireNonNull(kb, "knowledge base");
      Objects.requireNonNull(index, "knowledge index");
      Objects.requireNonNull(embedder, "embedder");
      return new Rescue(this);
    }
  }
}
