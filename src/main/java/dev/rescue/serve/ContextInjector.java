package dev.rescue.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * Puts a security context into a chat request, changing nothing else: the model, the sampling
 * parameters, the tools and every other message stay as the client sent them.
 */
public final class ContextInjector {
  /** Says what the injected text is, so that the model reads it as guidance and not as the user's words. */
  static final String PREAMBLE = "Security guidance for the coding task below (follow it; do not mention it unless asked):\n\n";

  private final InjectionMode mode;

  public ContextInjector(InjectionMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** A copy of the request with the context injected; the request itself is not changed. */
  public ObjectNode inject(ObjectNode request, String context) {
    ObjectNode copy = request.deepCopy();
    ArrayNode messages = (ArrayNode) copy.get("messages");
    String text = PREAMBLE + context.strip();
    if (mode == InjectionMode.SYSTEM) {
      int at = 0;
      while (at < messages.size() && isInstruction(messages.get(at))) at++;
      ObjectNode system = messages.insertObject(at);
      system.put("role", "system");
      system.put("content", text);
    } else {
      for (int i = messages.size() - 1; i >= 0; i--) {
        JsonNode m = messages.get(i);
        if (!"user".equals(m.path("role").asText())) continue;
        prefix((ObjectNode) m, text + "\n\n---\n\n");
        break;
      }
    }
    return copy;
  }

  private static boolean isInstruction(JsonNode m) {
    String role = m.path("role").asText();
    return role.equals("system") || role.equals("developer");
  }

  private static void prefix(ObjectNode message, String prefix) {
    JsonNode content = message.get("content");
    if (content != null && content.isArray()) {
      // content parts: a text part of its own in front keeps images and files where they were
      ObjectNode part = ((ArrayNode) content).insertObject(0);
      part.put("type", "text");
      part.put("text", prefix);
    } else {
      String old = content == null || content.isNull() ? "" : content.asText();
      message.set("content", TextNode.valueOf(prefix + old));
    }
  }
}
