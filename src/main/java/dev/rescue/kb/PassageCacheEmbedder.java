package dev.rescue.kb;

import dev.rescue.embed.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedder that keeps passage vectors on disk, keyed by the sha256 of the text, so that a build
 * embeds only the texts it has not embedded before: the bundled-KB build step after editing one
 * YAML file, and {@code rescue kb build} run again on the same or overlapping pairs (embedding is
 * nearly all of a build's time). The file is named after the embedder id, so another model never
 * reuses its vectors; use it only for an embedder whose id pins the model (the bundled one). The
 * vectors are the delegate's own, so a build with the cache writes the same index as one without.
 * A cache file that cannot be read is ignored.
 */
public final class PassageCacheEmbedder implements Embedder {
  private final Embedder delegate;
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private int misses;

  public PassageCacheEmbedder(Embedder delegate, Path dir) {
    this.delegate = delegate;
    this.file = dir.resolve("passages-" + delegate.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
    load();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public void warmUp() {
    delegate.warmUp();
  }

  @Override
  public float[] embedQuery(String text) {
    return delegate.embedQuery(text);
  }

  @Override
  public float[] embedPassage(String text) {
    return embedPassages(List.of(text)).get(0);
  }

  @Override
  public synchronized List<float[]> embedPassages(List<String> texts) {
    List<String> keys = new ArrayList<>(texts.size());
    Map<String, String> missing = new LinkedHashMap<>(); // key -> text, each distinct text once
    for (String t : texts) {
      String key = Sha256.of(t);
      keys.add(key);
      if (!vectors.containsKey(key)) missing.putIfAbsent(key, t);
    }
    if (!missing.isEmpty()) {
      List<float[]> fresh = delegate.embedPassages(List.copyOf(missing.values()));
      int i = 0;
      for (String key : missing.keySet()) vectors.put(key, fresh.get(i++));
      misses += missing.size();
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String key : keys) out.add(vectors.get(key).clone());
    return out;
  }

  /** Texts embedded by the delegate so far. */
  public int misses() {
    return misses;
  }

  private void load() {
    if (!Files.isRegularFile(file)) return;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int dim = in.readInt();
      int n = in.readInt();
      if (dim != delegate.dimension()) return;
      for (int i = 0; i < n; i++) {
        String key = in.readUTF();
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) v[j] = in.readFloat();
        vectors.put(key, v);
      }
    } catch (IOException e) {
      vectors.clear(); // a truncated or foreign file: start afresh
    }
  }

  /** Writes the cache (atomically: a killed build leaves the old file). */
  public synchronized void save() throws IOException {
    Files.createDirectories(file.getParent());
    // a file of its own: two builds saving at once must not write into the same temporary file
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(delegate.dimension());
      out.writeInt(vectors.size());
      for (Map.Entry<String, float[]> e : vectors.entrySet()) {
        out.writeUTF(e.getKey());
        for (float f : e.getValue()) out.writeFloat(f);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
