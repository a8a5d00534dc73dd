package dev.rescue.llm;

/** A chat model behind any OpenAI-compatible server. Thread-safe. */
public interface LlmClient {
  /** @throws LlmException when the server fails after retries, or answers with an error */
  ChatResult chat(ChatRequest request);

  /** The model name requests use when they name none. */
  String model();
}
