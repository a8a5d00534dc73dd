package dev.rescue.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rescue.embed.Embedder;
import dev.rescue.index.KbLayers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Content identities of a KB. The index under {@code index/} is derived from the two data files and
 * the embedder; it is stale when either changed, so its fingerprint covers exactly those (and not the
 * manifest, whose gates calibration rewrites without touching the index).
 */
public final class KbFingerprint {
  private KbFingerprint() {}

  /** sha256 over the hashes of {@code cwes.jsonl} and {@code examples.jsonl} as this KB serialises them. */
  public static String of(KnowledgeBase kb) {
    return Sha256.of(KbFolder.CWES + "=" + Sha256.of(cwesBytes(kb)) + "\n"
        + KbFolder.EXAMPLES + "=" + Sha256.of(examplesBytes(kb)) + "\n");
  }

  /**
   * The fingerprint an index of {@code kb} made with {@code embedder} carries; the index layout
   * ({@link KbLayers#LAYOUT}) too, so that an index laid out otherwise is rebuilt (a new cache entry).
   */
  public static String ofIndex(KnowledgeBase kb, Embedder embedder) {
    return Sha256.of(of(kb) + "\nembedder=" + embedder.id() + "/" + embedder.dimension() + "\n"
        + "layout=" + KbLayers.LAYOUT + "\n");
  }

  static byte[] cwesBytes(KnowledgeBase kb) {
    return jsonl(kb.cwes());
  }

  static byte[] examplesBytes(KnowledgeBase kb) {
    return jsonl(kb.examples());
  }

  private static byte[] jsonl(Collection<?> values) {
    ObjectWriter w = KbJson.mapper().writer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Object v : values) {
        out.writeBytes(w.writeValueAsString(v).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a KB entry: " + e.getOriginalMessage(), e);
    }
    return out.toByteArray();
  }
}
