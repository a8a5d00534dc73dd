package dev.rescue.kb;

import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a KB folder.
 *
 * @param created ISO-8601 instant
 * @param sources datasets the KB was built from, with their sha256
 * @param embedder the embedder the index and the gates were made with
 * @param gates the fusion policy, with calibrated thresholds
 * @param counts {@code cwes}, {@code examples}
 * @param files sha256 of every file of the folder but the manifest, keyed by path in the folder
 *     ({@code cwes.jsonl}, {@code index/_0.cfs}, ...)
 * @param fusion the learned fusion's weights and the KB's default fusion, or null (gated RRF only);
 *     absent in manifests written before there was one
 */
public record KbManifest(
    int formatVersion,
    String created,
    List<Source> sources,
    EmbedderInfo embedder,
    FusionPolicy gates,
    Map<String, Integer> counts,
    Map<String, String> files,
    FusionModel fusion) {

  public static final int FORMAT_VERSION = 1;

  /** A manifest without a learned fusion. */
  public KbManifest(int formatVersion, String created, List<Source> sources, EmbedderInfo embedder, FusionPolicy gates,
      Map<String, Integer> counts, Map<String, String> files) {
    this(formatVersion, created, sources, embedder, gates, counts, files, null);
  }

  /** This manifest with {@code model} as its learned fusion (null: none). */
  public KbManifest withFusion(FusionModel model) {
    return new KbManifest(formatVersion, created, sources, embedder, gates, counts, files, model);
  }

  public KbManifest {
    sources = sources == null ? List.of() : List.copyOf(sources);
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    files = files == null ? Map.of() : Map.copyOf(files);
  }

  /** Whether the hashes cover the folder's {@code index/} (folders written before they did: no). */
  public boolean coversIndex() {
    return files.keySet().stream().anyMatch(k -> k.startsWith(KbFolder.INDEX_PREFIX));
  }

  public record Source(String name, String sha256) {}

  public record EmbedderInfo(String id, int dimension) {}
}
