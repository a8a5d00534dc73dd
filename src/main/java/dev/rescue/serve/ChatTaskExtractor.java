package dev.rescue.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the coding task in an OpenAI chat request: the last user message is the task; its code
 * blocks, and the code blocks of earlier messages (the code under discussion), are the code. A
 * request with no code anywhere and no coding vocabulary in its last user message is not about code
 * and gets no task, so the proxy passes it through untouched.
 */
public final class ChatTaskExtractor {
  // Words that make a code-less request a coding request ("write a function that ...").
  private static final Pattern CODING_WORDS = Pattern.compile(
      "(?i)\\b(code|coding|function|method|class|script|program|implement\\w*|endpoint|api|sql|query|regex"
          + "|python|java|javascript|typescript|node(js)?|golang|c\\+\\+|cpp|php|ruby|rust|bash|shell|flask|django"
          + "|express|spring|servlet|handler|parser?|pars(e|ing)|seriali[sz]\\w*|deserial\\w*|upload\\w*|download\\w*"
          + "|password|hash(ing)?|encrypt\\w*|decrypt\\w*|token|cookie|session|socket|http|url|html|xml|yaml|json"
          + "|database|file ?path|subprocess|command line|compile\\w*|library|module|snippet|refactor\\w*|debug\\w*|bug)\\b");

  private final int maxChars;

  /** @param maxChars the most characters of task text and of code kept (the most recent are kept) */
  public ChatTaskExtractor(int maxChars) {
    if (maxChars <= 0) throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
    this.maxChars = Math.min(maxChars, Task.MAX_CHARS);
  }

  public ChatTaskExtractor() {
    this(Task.MAX_CHARS);
  }

  /**
   * @param request a chat completions request body
   * @return the coding task, or empty when the request has no user message or is not about code
   */
  public Optional<Task> find(JsonNode request, String id) {
    JsonNode messages = request == null ? null : request.get("messages");
    if (messages == null || !messages.isArray()) return Optional.empty();
    int last = -1;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        last = i;
        break;
      }
    }
    if (last < 0) return Optional.empty();
    String lastText = text(messages.get(last).get("content"));
    List<CodeBlock> blocks = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      if (role.equals("system") || role.equals("developer")) continue; // instructions, not the code at hand
      blocks.addAll(CodeBlock.in(text(m.get("content"))));
    }
    String prose = CodeBlock.prose(lastText);
    if (blocks.isEmpty() && !CODING_WORDS.matcher(prose).find()) return Optional.empty();
    StringBuilder code = new StringBuilder();
    Language language = null;
    for (CodeBlock b : blocks) {
      if (code.length() > 0) code.append("\n\n");
      code.append(b.code());
      if (b.language() != null) language = b.language(); // the latest named language wins
    }
    String task = tail(prose, maxChars);
    String codeText = code.length() == 0 ? null : tail(code.toString(), maxChars);
    if (task.isBlank() && codeText == null) return Optional.empty();
    return Optional.of(new Task(id, task, codeText, language));
  }

  /** The text of a message content: a string, or the text parts of an array of content parts. */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
          if (sb.length() > 0) sb.append('\n');
          sb.append(part.get("text").asText());
        }
      }
      return sb.toString();
    }
    return "";
  }

  // the end of a long conversation is what the user is working on now
  private static String tail(String s, int max) {
    return s.length() <= max ? s : s.substring(s.length() - max);
  }
}
