package dev.rescue.generate.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A prompt kept as a resource file, with {@code {{name}}} placeholders. */
public final class PromptTemplate {
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

  /** Fills every placeholder; a placeholder left unfilled is a bug in the caller. */
  public String render(Map<String, String> values) {
    String out = text;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{{" + e.getKey() + "}}", e.getValue() == null ? "" : e.getValue());
    }
    int open = out.indexOf("{{");
    if (open >= 0 && out.indexOf("}}", open) > 0) {
      throw new IllegalStateException("prompt " + name + " has an unfilled placeholder near: "
          + out.substring(open, Math.min(out.length(), open + 30)));
    }
    return out;
  }

  public String text() {
    return text;
  }
}
