package dev.rescue.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A prompt kept as a resource file, with {@code {{name}}} placeholders. */
public final class PromptTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)\\}\\}");

  private final String name;
  private final String text;

  private PromptTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Loads {@code /prompts/<path>} from the classpath. */
  public static PromptTemplate load(String path) {
    String res = "/prompts/" + path;
    try (InputStream in = PromptTemplate.class.getResourceAsStream(res)) {
      if (in == null) throw new IllegalStateException("prompt resource missing: " + res);
      return new PromptTemplate(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt " + res, e);
    }
  }

  /**
   * Fills the template's placeholders in one pass, so that values holding {@code {{...}}} (code
   * often does) are inserted as they are. A placeholder with no value is a bug in the caller.
   */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      if (!values.containsKey(key)) {
        throw new IllegalStateException("prompt " + name + ": no value for placeholder {{" + key + "}}");
      }
      String v = values.get(key);
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  public String text() {
    return text;
  }
}
