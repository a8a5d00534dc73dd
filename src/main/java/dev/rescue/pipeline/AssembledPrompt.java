package dev.rescue.pipeline;

import dev.rescue.llm.ChatMessage;
import java.util.List;

/**
 * The security context and the final prompt built around it.
 *
 * @param context the exact text prepended to the task; empty when abstained
 * @param contextTokens o200k tokens of {@code context}
 * @param messages the chat messages for the final generation
 * @param dropped items the token budget left out, lowest-ranked first (e.g. {@code example curated:CWE-79:py})
 */
public record AssembledPrompt(String context, int contextTokens, List<ChatMessage> messages, List<String> dropped) {
  public AssembledPrompt {
    messages = List.copyOf(messages);
    dropped = List.copyOf(dropped);
  }
}
