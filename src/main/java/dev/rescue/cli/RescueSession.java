package dev.rescue.cli;

import dev.rescue.Rescue;
import dev.rescue.embed.Embedder;
import dev.rescue.kb.LoadedKb;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.FusionPolicy;

/** A loaded KB and the pipeline over it, as the commands use them. */
final class RescueSession implements AutoCloseable {
  final Embedder embedder;
  final LoadedKb kb;
  final Rescue rescue;

  private RescueSession(Embedder embedder, LoadedKb kb, Rescue rescue) {
    this.embedder = embedder;
    this.kb = kb;
    this.rescue = rescue;
  }

  /** @param llm null for the no-LLM mode */
  static RescueSession open(KbOptions kbOptions, PipelineSwitches switches, LlmClient llm) {
    Embedder embedder = kbOptions.embedder();
    // the model loads on the second core while the KB loads on this one
    Thread warmUp = new Thread(embedder::warmUp, "embedder-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    LoadedKb kb = kbOptions.load(embedder);
    FusionPolicy base = kb.kb().manifest().gates() == null ? FusionPolicy.paperDefaults() : kb.kb().manifest().gates();
    Rescue rescue = Rescue.builder()
        .knowledgeBase(kb.kb(), kb.index())
        .embedder(embedder)
        .llm(llm)
        .policy(switches.policy(base))
        .options(switches.options())
        .retriever(switches.retrieverKind())
        .build();
    return new RescueSession(embedder, kb, rescue);
  }

  @Override
  public void close() {
    kb.close();
  }
}
