package dev.rescue.embed.onnx;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.EmbeddingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Any BERT-style ONNX embedding model in a local folder holding {@code model.onnx} and {@code
 * tokenizer.json}, e.g. bge-base-en-v1.5 (the RESCUE paper's embedder), which no Maven artifact
 * ships. The id is the folder's name; the dimension is measured by embedding one probe text when the
 * model loads (at construction).
 *
 * <p>Pooling: {@link PoolingMode#CLS} for the bge family (the default), {@link PoolingMode#MEAN}
 * for sentence-transformers models such as all-MiniLM. The query prefix defaults to bge's
 * instruction ({@link BgeSmallEmbedder#QUERY_PREFIX}); use {@code ""} for models without one.
 */
public final class OnnxFolderEmbedder implements Embedder {
  public static final String MODEL_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";

  private final String id;
  private final String queryPrefix;
  private final EmbeddingModel model;
  private final int dimension;

  private OnnxFolderEmbedder(String id, String queryPrefix, EmbeddingModel model, int dimension) {
    this.id = id;
    this.queryPrefix = queryPrefix;
    this.model = model;
    this.dimension = dimension;
  }

  /** A bge model: CLS pooling and bge's query instruction. */
  public static OnnxFolderEmbedder open(Path folder) {
    return open(folder, PoolingMode.CLS, BgeSmallEmbedder.QUERY_PREFIX);
  }

  /**
   * Loads the model in {@code folder}.
   *
   * @throws IllegalArgumentException when the folder or one of its two files is missing
   * @throws EmbeddingException when ONNX Runtime cannot load the model
   */
  public static OnnxFolderEmbedder open(Path folder, PoolingMode pooling, String queryPrefix) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(queryPrefix, "queryPrefix");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("ONNX model folder " + folder + " does not exist");
    }
    Path modelFile = folder.resolve(MODEL_FILE);
    Path tokenizerFile = folder.resolve(TOKENIZER_FILE);
    for (Path p : List.of(modelFile, tokenizerFile)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("ONNX model folder " + folder + " has no " + p.getFileName()
            + " (it needs " + MODEL_FILE + " and " + TOKENIZER_FILE + ")");
      }
    }
    String id = folder.toAbsolutePath().normalize().getFileName().toString();
    InProcessModel.preferOffline();
    EmbeddingModel model;
    try {
      model = NativeModelLoads.run(folder.toString(), () -> new OnnxEmbeddingModel(modelFile, tokenizerFile, pooling));
    } catch (EmbeddingException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new EmbeddingException("cannot load the ONNX model in " + folder + ": " + e, e);
    }
    int dimension = InProcessModel.embed(model, id, "dimension probe").length;
    return new OnnxFolderEmbedder(id, queryPrefix, model, dimension);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] embedQuery(String text) {
    return InProcessModel.embedQuery(model, id, queryPrefix, text);
  }

  @Override
  public float[] embedPassage(String text) {
    return InProcessModel.embed(model, id, text);
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return InProcessModel.embedAll(model, id, texts);
  }

  @Override
  public String toString() {
    return id;
  }
}
