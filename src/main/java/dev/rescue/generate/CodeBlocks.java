package dev.rescue.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Code out of an LLM answer: the first fenced block, or the whole answer when there is none. */
public final class CodeBlocks {
  private static final Pattern FENCE = Pattern.compile("(?s)```[\\w+#.-]*[ \\t]*\\n(.*?)(?:```|\\z)");

  private CodeBlocks() {}

  public static String first(String answer) {
    if (answer == null) return "";
    Matcher m = FENCE.matcher(answer);
    return m.find() ? m.group(1) : answer.strip();
  }
}
