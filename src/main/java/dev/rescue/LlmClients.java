package dev.rescue;

import dev.rescue.llm.CachingLlmClient;
import dev.rescue.llm.ConcurrencyLimitedLlmClient;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmNotConfiguredException;
import dev.rescue.llm.LlmSettings;
import dev.rescue.llm.RetryPolicy;
import dev.rescue.llm.RetryingLlmClient;
import dev.rescue.llm.openai.OpenAiClient;

/**
 * Composes the client stack, in one place (a composition root: it names the adapter, so it lives
 * beside {@link Rescue} and not in the port's package). From the caller inwards:
 *
 * <ol>
 *   <li>{@link CachingLlmClient}: a cached answer costs nothing else, not even a concurrency slot;
 *   <li>{@link ConcurrencyLimitedLlmClient}: at most {@code concurrency} calls at once, and a call
 *       keeps its slot while it backs off, so a 429 slows the whole batch down, not just one call;
 *   <li>{@link RetryingLlmClient}: backoff with jitter, honouring {@code Retry-After};
 *   <li>{@link OpenAiClient}: one HTTP attempt with the per-call time-out.
 * </ol>
 */
public final class LlmClients {
  private LlmClients() {}

  /**
   * The stack for {@code settings}, with the default retry waits.
   *
   * @throws LlmNotConfiguredException when no LLM is configured
   */
  public static LlmClient fromSettings(LlmSettings settings) {
    return fromSettings(settings, RetryPolicy.defaults());
  }

  /** As {@link #fromSettings(LlmSettings)} with the given retry waits; attempts come from the settings. */
  public static LlmClient fromSettings(LlmSettings settings, RetryPolicy retry) {
    LlmSettings s = settings.require();
    return decorate(OpenAiClient.of(s), s, retry);
  }

  /** Wraps any adapter in the standard decorators. */
  public static LlmClient decorate(LlmClient adapter, LlmSettings settings, RetryPolicy retry) {
    LlmClient client = new RetryingLlmClient(adapter, retry.withMaxAttempts(settings.maxAttempts()));
    client = new ConcurrencyLimitedLlmClient(client, settings.concurrency());
    if (settings.cacheDir() != null) client = new CachingLlmClient(client, settings.cacheDir(), settings.baseUrl());
    return client;
  }
}
