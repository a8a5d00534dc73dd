package dev.rescue.index.lucene;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.lucene.util.BytesRef;

/**
 * Field names, document kinds and commit metadata of the Lucene knowledge index, and the byte form
 * of stored vectors. One index holds both KB layers; {@link #KIND} tells them apart.
 *
 * <p>Vectors are stored as little-endian float bytes in stored fields, not as {@code
 * KnnFloatVectorField}s: searches are exact brute-force cosine over vectors loaded into memory at
 * open (see {@link LuceneKnowledgeIndex}), and Lucene 9 caps KNN vectors at 1024 dimensions, which a
 * remote embedder (e.g. 3072-d) exceeds.
 */
final class IndexSchema {
  private IndexSchema() {}

  /** Bumped when fields change; an index of another schema is refused at open. */
  static final String SCHEMA_VERSION = "2"; // 2: cause passage vectors

  static final String KIND = "kind";
  static final String KIND_CWE = "cwe";
  static final String KIND_EXAMPLE = "example";

  static final String ID = "id";
  /** The CWE of an example document (filter field). */
  static final String CWE = "cwe";
  /** The language id of an example document (filter field). */
  static final String LANGUAGE = "language";
  /** BM25 field analysed with {@link CodeAnalyzer}. */
  static final String APIS = "apis";
  /**
   * BM25 field of the MITRE-derived layer's API names ({@link dev.rescue.index.KbLayers#derived}),
   * analysed like {@link #APIS}: apart, so that the curated entries' statistics are as without the layer.
   */
  static final String LAYER_APIS = "layer_apis";
  /** The text the cause vector was made from, kept for inspection. */
  static final String CAUSE_TEXT = "cause_text";
  static final String CAUSE_VECTOR = "cause_vec";
  /**
   * A CWE document's cause passages ({@link dev.rescue.index.CausePassages}), one stored value per
   * passage: a CWE's passage score is the best of them, which a multi-valued field on its own
   * document gives without a document per passage to join back.
   */
  static final String CAUSE_PASSAGE_VECTOR = "cause_passage_vec";
  static final String DESCRIPTION_VECTOR = "description_vec";
  static final String VULNERABLE_VECTOR = "vulnerable_vec";
  static final String SECURE_VECTOR = "secure_vec";

  // Commit user data keys.
  static final String META_SCHEMA = "rescue.schema";
  static final String META_EMBEDDER_ID = "rescue.embedder.id";
  static final String META_EMBEDDER_DIMENSION = "rescue.embedder.dimension";
  static final String META_FINGERPRINT = "rescue.fingerprint";

  static BytesRef toBytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return new BytesRef(buffer.array());
  }

  static float[] toVector(BytesRef bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalStateException("corrupt stored vector: " + bytes.length + " bytes");
    }
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
