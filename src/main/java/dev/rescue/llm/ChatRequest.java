package dev.rescue.llm;

import java.util.List;

/**
 * A chat completion request.
 *
 * @param model null for the client's configured model
 * @param topP null to leave the server's default
 * @param maxTokens null to leave the server's default
 * @param jsonMode ask for a JSON object answer
 */
public record ChatRequest(
    String model, List<ChatMessage> messages, double temperature, Double topP, Integer maxTokens, boolean jsonMode) {
  public ChatRequest {
    if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("messages must not be empty");
    messages = List.copyOf(messages);
  }

  public static ChatRequest of(double temperature, ChatMessage... messages) {
    return new ChatRequest(null, List.of(messages), temperature, null, null, false);
  }
}
