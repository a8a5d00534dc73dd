package dev.rescue.kb.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One validated answer of {@link LlmDistiller}: a guideline and a cause.
 *
 * <p>Validation, decided here: the answer must hold a JSON object (a Markdown code fence or text
 * around it is tolerated, since many local models add one even in JSON mode) with non-blank string
 * fields {@code guideline} and {@code cause}; otherwise it is malformed and the distiller asks once
 * more. Over-long texts are <em>trimmed</em>, not rejected: an answer with the right content and a few
 * words too many is better than a second call; whole sentences are kept up to the limit ({@link
 * WordLimits#GUIDELINE}, {@link WordLimits#CAUSE}), or the first sentence is cut at the limit when it
 * alone is too long.
 */
record LlmDistillerAnswer(String guideline, String cause) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FENCE = Pattern.compile("(?s)```(?:json)?\\s*(.*?)```");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

  /** An answer that cannot be used, with what is wrong with it (sent back to the model). */
  static final class MalformedAnswerException extends Exception {
    MalformedAnswerException(String message) {
      super(message);
    }
  }

  /** Parses and validates {@code content}, trimming over-long texts. */
  static LlmDistillerAnswer parse(String content) throws MalformedAnswerException {
    if (content == null || content.isBlank()) throw new MalformedAnswerException("the answer was empty");
    String text = content.strip();
    Matcher fence = FENCE.matcher(text);
    if (fence.find()) text = fence.group(1).strip();
    int open = text.indexOf('{');
    int close = text.lastIndexOf('}');
    if (open < 0 || close < open) throw new MalformedAnswerException("the answer was not a JSON object");
    JsonNode root;
    try {
      root = JSON.readTree(text.substring(open, close + 1));
    } catch (IOException e) {
      throw new MalformedAnswerException("the answer was not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject()) throw new MalformedAnswerException("the answer was not a JSON object");
    String guideline = field(root, "guideline");
    String cause = field(root, "cause");
    return new LlmDistillerAnswer(trimToWords(guideline, WordLimits.GUIDELINE), trimToWords(cause, WordLimits.CAUSE));
  }

  /** The form kept in provenance and shown to merge calls. */
  String asSummary() {
    return "Guideline: " + guideline + "\nCause: " + cause;
  }

  private static String field(JsonNode root, String name) throws MalformedAnswerException {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) throw new MalformedAnswerException("the field \"" + name + "\" was missing");
    if (node.isArray()) {
      // A list of rules is a common, harmless deviation: join it.
      StringBuilder joined = new StringBuilder();
      for (JsonNode item : node) {
        if (!item.isTextual()) throw new MalformedAnswerException("the field \"" + name + "\" was not a string");
        String s = item.asText().strip();
        if (s.isEmpty()) continue;
        if (joined.length() > 0) joined.append(' ');
        joined.append(s);
        if (!SENTENCE_END.matcher(s).find()) joined.append('.');
      }
      node = JSON.getNodeFactory().textNode(joined.toString());
    }
    if (!node.isTextual()) throw new MalformedAnswerException("the field \"" + name + "\" was not a string");
    String value = node.asText().strip().replaceAll("\\s+", " ");
    if (value.isEmpty()) throw new MalformedAnswerException("the field \"" + name + "\" was empty");
    return value;
  }

  /** {@code text} with at most {@code max} words, whole sentences kept when possible. */
  static String trimToWords(String text, int max) {
    String[] words = text.split(" ");
    if (words.length <= max) return text;
    String head = String.join(" ", Arrays.copyOf(words, max));
    Matcher end = SENTENCE_END.matcher(head);
    int lastEnd = -1;
    while (end.find()) lastEnd = end.end();
    return lastEnd > 0 ? head.substring(0, lastEnd) : head + "...";
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
