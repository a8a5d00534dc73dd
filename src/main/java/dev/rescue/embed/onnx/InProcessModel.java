package dev.rescue.embed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.rescue.embed.EmbeddingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls an in-process langchain4j embedding model and returns unit vectors. langchain4j's ONNX
 * models are thread-safe (one ONNX Runtime session, whose {@code run} may be called concurrently)
 * and spread a multi-text batch over the cores.
 */
final class InProcessModel {
  /**
   * ONNX Runtime threads per {@code run}. Callers already run in parallel (one request or one batch
   * task per thread, and langchain4j spreads a passage batch over the cores), so more would only
   * oversubscribe the cores. Thread counts change no output bit: each run's arithmetic is the same.
   */
  static final int INTRA_OP_THREADS = 1;

  private InProcessModel() {}

  /**
   * The session options every in-process model runs with. ONNX Runtime's defaults (a pool of one
   * thread per core whose threads spin-wait for work) cost twice the CPU of the inference itself on
   * short texts such as a cause query: the spinning threads burn the cores between the small
   * operators of one run and after it. A single thread that never spins does the same arithmetic.
   */
  static OrtSession.SessionOptions sessionOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(INTRA_OP_THREADS);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    options.addConfigEntry("session.inter_op.allow_spinning", "0");
    return options;
  }

  /**
   * A BERT-style model (langchain4j's encoder: tokeniser, pooling, texts over 510 tokens averaged
   * over their parts) whose ONNX session runs with {@link #sessionOptions}. Closes both streams.
   */
  static EmbeddingModel bert(InputStream model, InputStream tokenizer, PoolingMode pooling, int dimension) {
    try (InputStream m = model; InputStream t = tokenizer) {
      if (m == null || t == null) throw new EmbeddingException("model or tokenizer resource missing");
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession session = env.createSession(m.readAllBytes(), sessionOptions());
      return new SessionModel(new OnnxBertBiEncoder(env, session, t, pooling), dimension);
    } catch (OrtException | IOException e) {
      throw new EmbeddingException("cannot open the ONNX session: " + e, e);
    }
  }

  /** {@link #bert(InputStream, InputStream, PoolingMode, int)} over files: ONNX Runtime reads the model itself, no copy in the heap. */
  static EmbeddingModel bert(Path model, Path tokenizer, PoolingMode pooling, int dimension) {
    try (InputStream t = Files.newInputStream(tokenizer)) {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession session = env.createSession(model.toString(), sessionOptions());
      return new SessionModel(new OnnxBertBiEncoder(env, session, t, pooling), dimension);
    } catch (OrtException | IOException e) {
      throw new EmbeddingException("cannot open the ONNX session of " + model + ": " + e, e);
    }
  }

  /** langchain4j's in-process model over an encoder made here (its own constructors fix the session options). */
  private static final class SessionModel extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    SessionModel(OnnxBertBiEncoder encoder, int dimension) {
      super(null); // null: langchain4j's default executor, one thread per core, for passage batches
      this.encoder = encoder;
      this.dimension = dimension;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return dimension;
    }
  }

  /** ONNX Runtime and DJL must never reach the network at run time (the machine has none). */
  static void preferOffline() {
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
  }

  /** A query: the text must not be blank before the instruction prefix is added. */
  static float[] embedQuery(EmbeddingModel model, String modelId, String prefix, String text) {
    requireText(text, modelId, -1);
    return embed(model, modelId, prefix + text);
  }

  static float[] embed(EmbeddingModel model, String modelId, String text) {
    requireText(text, modelId, -1);
    try {
      return unit(model.embed(text).content().vector(), modelId);
    } catch (RuntimeException e) {
      throw new EmbeddingException("embedder " + modelId + " failed on a " + text.length() + "-char text: " + e, e);
    }
  }

  static List<float[]> embedAll(EmbeddingModel model, String modelId, List<String> texts) {
    if (texts.isEmpty()) return List.of();
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      requireText(texts.get(i), modelId, i);
      segments.add(TextSegment.from(texts.get(i)));
    }
    List<Embedding> embeddings;
    try {
      embeddings = model.embedAll(segments).content();
    } catch (RuntimeException e) {
      throw new EmbeddingException("embedder " + modelId + " failed on a batch of " + texts.size() + " texts: " + e, e);
    }
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) out.add(unit(e.vector(), modelId));
    return out;
  }

  /** A blank text has no meaning to embed (and langchain4j refuses it): callers skip or replace it. */
  private static void requireText(String text, String modelId, int position) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("embedder " + modelId + " cannot embed a blank text"
          + (position >= 0 ? " (batch position " + position + ")" : ""));
    }
  }

  /** langchain4j already normalises; normalising again guards the Embedder contract cheaply. */
  static float[] unit(float[] v, String modelId) {
    double sum = 0;
    for (float x : v) sum += (double) x * x;
    double norm = Math.sqrt(sum);
    if (norm == 0 || !Double.isFinite(norm)) {
      throw new EmbeddingException("embedder " + modelId + " produced a zero or non-finite vector");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
    return out;
  }
}
