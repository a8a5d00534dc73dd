package dev.rescue.serve;

import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a chat message (three backticks, an optional info string, the code).
 *
 * @param language the language named by the fence's info string, or null when none or unknown
 */
public record CodeBlock(Language language, String code) {
  // an unterminated fence runs to the end of the message: clients often send a half-written block
  private static final Pattern FENCE = Pattern.compile("(?s)```[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)(?:\\n?```|\\z)");

  public CodeBlock {
    Objects.requireNonNull(code, "code");
  }

  /** The fenced blocks of a message, in order. */
  public static List<CodeBlock> in(String text) {
    List<CodeBlock> out = new ArrayList<>();
    if (text == null) return out;
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      String code = m.group(2);
      if (!code.isBlank()) out.add(new CodeBlock(Language.fromId(m.group(1)).orElse(null), code));
    }
    return out;
  }

  /** The text with its fenced blocks removed: what the message says in words. */
  public static String prose(String text) {
    if (text == null) return "";
    return FENCE.matcher(text).replaceAll(" ").replaceAll("[ \\t]+", " ").strip();
  }
}
