package dev.rescue;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.embed.onnx.OnnxFolderEmbedder;
import dev.rescue.embed.remote.RemoteEmbedder;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The registry of embedders (a composition root: it names the adapters, so it lives beside {@link
 * Rescue} and not in the port's package), chosen by a spec string (a CLI flag, a config value):
 *
 * <ul>
 *   <li>{@code bundled} (also null or blank): bge-small-en-v1.5, quantised, in-process;
 *   <li>{@code onnx:DIR}: a local ONNX model folder ({@code model.onnx} + {@code tokenizer.json}),
 *       CLS pooling and bge's query prefix, e.g. bge-base-en-v1.5;
 *   <li>{@code remote:BASE_URL#MODEL}: an OpenAI-compatible {@code /v1/embeddings} server, the key
 *       from {@code RESCUE_EMBED_API_KEY}, {@code RESCUE_LLM_API_KEY} or {@code OPENAI_API_KEY}.
 * </ul>
 */
public final class Embedders {
  public static final String BUNDLED = "bundled";
  private static final String USAGE = "expected bundled, onnx:DIR or remote:BASE_URL#MODEL";

  private Embedders() {}

  public static Embedder fromSpec(String spec) {
    return fromSpec(spec, System::getenv);
  }

  /** Like {@link #fromSpec(String)}, reading the environment through {@code environment}. */
  public static Embedder fromSpec(String spec, Function<String, String> environment) {
    if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase(BUNDLED)) {
      return BgeSmallEmbedder.instance();
    }
    String s = spec.strip();
    if (s.startsWith("onnx:")) {
      String dir = s.substring("onnx:".length());
      if (dir.isBlank()) throw new IllegalArgumentException("embedder spec '" + spec + "' names no folder: " + USAGE);
      return OnnxFolderEmbedder.open(Path.of(dir));
    }
    if (s.startsWith("remote:")) {
      String rest = s.substring("remote:".length());
      int hash = rest.lastIndexOf('#');
      if (hash <= 0 || hash == rest.length() - 1) {
        throw new IllegalArgumentException("embedder spec '" + spec + "' needs a URL and a model: remote:BASE_URL#MODEL");
      }
      return RemoteEmbedder.of(rest.substring(0, hash), rest.substring(hash + 1), environment);
    }
    throw new IllegalArgumentException("unknown embedder spec '" + spec + "': " + USAGE);
  }
}
