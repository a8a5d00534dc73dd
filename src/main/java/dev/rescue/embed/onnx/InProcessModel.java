package dev.rescue.embed.onnx;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.rescue.embed.EmbeddingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls an in-process langchain4j embedding model and returns unit vectors. langchain4j's ONNX
 * models are thread-safe (one ONNX Runtime session, whose {@code run} may be called concurrently)
 * and spread a multi-text batch over the cores.
 */
final class InProcessModel {
  private InProcessModel() {}

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
