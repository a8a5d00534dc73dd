package dev.rescue.cli;

import dev.rescue.LlmClients;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmSettings;
import picocli.CommandLine.Option;

/** LLM flags over the environment (RESCUE_LLM_BASE_URL, RESCUE_LLM_MODEL, RESCUE_LLM_API_KEY, OPENAI_*). */
final class LlmOptions {
  @Option(names = "--llm-base-url", paramLabel = "URL",
      description = "OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (env RESCUE_LLM_BASE_URL).")
  String baseUrl;

  @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name (env RESCUE_LLM_MODEL).")
  String model;

  LlmSettings settings() {
    return LlmSettings.fromEnvironment().withBaseUrl(baseUrl).withModel(model);
  }

  /** The configured client, or null when no LLM is configured. */
  LlmClient clientOrNull() {
    LlmSettings s = settings();
    return s.configured() ? LlmClients.fromSettings(s) : null;
  }

  /** The configured client; fails saying how to configure one when there is none. */
  LlmClient require() {
    return LlmClients.fromSettings(settings().require());
  }
}
