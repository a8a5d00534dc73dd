package dev.rescue;

import dev.rescue.embed.Embedder;
import dev.rescue.generate.AnalyzeStage;
import dev.rescue.generate.AssembleStage;
import dev.rescue.generate.GenerateStage;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.RetrieverKind;
import dev.rescue.pipeline.Stage;
import dev.rescue.retrieve.BaselineRetrieveStage;
import dev.rescue.retrieve.CweRetriever;
import dev.rescue.retrieve.NeutralTasks;
import dev.rescue.internal.CacheDirs;
import dev.rescue.retrieve.ExampleRetriever;
import dev.rescue.retrieve.RetrieveCwesStage;
import dev.rescue.retrieve.RetrieveExamplesStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole online pipeline, listed in one place: the composition root of the chain, beside {@link
 * Rescue}, so that the chain kernel ({@code pipeline}) knows no stage.
 */
public final class PipelineFactory {
  private PipelineFactory() {}

  /**
   * analyze, retrieve CWEs, retrieve code (or the baseline retrieval instead of both), assemble, and generate when {@code generate} is set.
   *
   * @param llm null for the no-LLM analysis (then {@code generate} must be false)
   */
  public static List<Stage> stages(KnowledgeBase kb, KnowledgeIndex index, Embedder embedder, LlmClient llm,
      FusionPolicy policy, boolean generate, RetrieverKind retriever) {
    List<Stage> stages = new ArrayList<>();
    stages.add(new AnalyzeStage(llm));
    if (retriever == RetrieverKind.BASELINE) {
      stages.add(new BaselineRetrieveStage(kb, index, embedder, policy));
    } else {
      NeutralTasks neutral = policy.neutralMargin() == null ? null
          : NeutralTasks.forEmbedder(embedder, CacheDirs.of("neutral"));
      stages.add(new RetrieveCwesStage(new CweRetriever(kb, index, embedder, neutral), policy));
      stages.add(new RetrieveExamplesStage(new ExampleRetriever(kb, index, embedder), policy));
    }
    stages.add(new AssembleStage());
    if (generate) stages.add(new GenerateStage(llm));
    return List.copyOf(stages);
  }
}
