package dev.rescue.cli;

import dev.rescue.Rescue;
import dev.rescue.embed.Embedder;
import dev.rescue.internal.StartupTrace;
import dev.rescue.internal.Tokens;
import dev.rescue.kb.LoadedKb;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmException;
import dev.rescue.model.Task;
import dev.rescue.pipeline.RetrievalResult;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A loaded KB and the pipeline over it, as the commands use them. The embedding model starts
 * loading on a thread of its own when the session opens, and {@code main} waits for that load
 * before the JVM exits (see {@code NativeModelLoads}): commands check their arguments before opening
 * a session, never after, so that a usage error costs no model load.
 */
final class RescueSession implements AutoCloseable {
  final Embedder embedder;
  final LoadedKb kb;
  final Rescue rescue;
  /** The same pipeline without the LLM, for {@link #context}'s fallback; null when there is no LLM. */
  private final Rescue withoutLlm;
  private final AtomicBoolean llmFailed = new AtomicBoolean();

  private RescueSession(Embedder embedder, LoadedKb kb, Rescue rescue, Rescue withoutLlm) {
    this.embedder = embedder;
    this.kb = kb;
    this.rescue = rescue;
    this.withoutLlm = withoutLlm;
  }

  /** @param llm null for the no-LLM mode */
  static RescueSession open(KbOptions kbOptions, RetrievalSwitches switches, LlmClient llm) {
    return open(kbOptions, switches, llm, KbOptions.QUERY_CACHE);
  }

  /**
   * @param llm null for the no-LLM mode
   * @param queryCache query vectors the embedder keeps (see {@link KbOptions#embedder(int)})
   */
  static RescueSession open(KbOptions kbOptions, RetrievalSwitches switches, LlmClient llm, int queryCache) {
    kbOptions.check(); // a wrong --kb must not cost a model load
    Embedder embedder = kbOptions.embedder(queryCache);
    // the model loads on the second core while the KB loads on this one
    Thread warmUp = new Thread(() -> {
      try (var s = StartupTrace.span("embedder warm-up")) {
        embedder.warmUp();
      }
    }, "embedder-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    // and the token counter's encoding (which the context's budget needs last) beside both
    Thread tokens = new Thread(() -> {
      try (var s = StartupTrace.span("tokens warm-up")) {
        Tokens.warmUp();
      }
    }, "tokens-warm-up");
    tokens.setDaemon(true);
    tokens.start();
    LoadedKb kb;
    try (var s = StartupTrace.span("kb load and index open")) {
      kb = kbOptions.load(embedder);
    }
    Rescue.Builder builder;
    Rescue withoutLlm;
    try (var s = StartupTrace.span("pipeline")) {
      builder = switches.pipeline(kb, embedder);
      withoutLlm = builder.build();
    }
    return llm == null
        ? new RescueSession(embedder, kb, withoutLlm, null)
        : new RescueSession(embedder, kb, builder.llm(llm).build(), withoutLlm);
  }

  /**
   * The security context of {@code task}, with the LLM's analysis while the LLM answers. The LLM is
   * optional here: when it fails (unreachable, refusing the key) the analysis is made without it,
   * and after one warning the rest of the run goes without it too, rather than failing each task
   * the same way.
   *
   * @param warnings where the one warning goes (stderr)
   */
  RetrievalResult context(Task task, Consumer<String> warnings) {
    if (withoutLlm == null) return rescue.context(task);
    if (llmFailed.get()) return withoutLlm.context(task);
    try {
      return rescue.context(task);
    } catch (RuntimeException e) {
      LlmException failure = llmFailure(e);
      if (failure == null) throw e;
      if (llmFailed.compareAndSet(false, true)) {
        warnings.accept("rescue: warning: " + failure.getMessage() + "; analysing without the LLM");
      }
      return withoutLlm.context(task);
    }
  }

  private static LlmException llmFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LlmException l) return l;
    }
    return null;
  }

  @Override
  public void close() {
    kb.close();
  }
}
