package dev.rescue.retrieve;

import dev.rescue.embed.Embedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ordinary, security-neutral programming tasks (sorting, arithmetic, strings, data structures), the
 * reference for the neutral margin of the cause gate ({@link dev.rescue.model.FusionPolicy#neutralMargin()}).
 * A task that is closer to one of these than to any weakness's cause gets no security context. The
 * texts are ours ({@code /neutral/tasks.txt}); their vectors are computed once per embedder and kept:
 * in the jar for the bundled embedder (written at build time by {@link #writeVectors}), else in the cache
 * folder.
 */
public final class NeutralTasks {
  private static final String TEXTS = "/neutral/tasks.txt";
  private static final ConcurrentHashMap<String, NeutralTasks> LOADED = new ConcurrentHashMap<>();

  private final float[][] vectors;

  private NeutralTasks(float[][] vectors) {
    this.vectors = vectors;
  }

  /** The neutral tasks embedded with {@code embedder}, from the jar, the cache, or computed (and cached). */
  public static NeutralTasks forEmbedder(Embedder embedder, Path cacheDir) {
    return LOADED.computeIfAbsent(embedder.id(), id -> load(embedder, cacheDir));
  }

  /** The highest cosine between {@code query} (unit length) and a neutral task. */
  public double similarity(float[] query) {
    double best = -1;
    for (float[] v : vectors) {
      double d = 0;
      for (int i = 0; i < v.length && i < query.length; i++) d += v[i] * query[i];
      best = Math.max(best, d);
    }
    return best;
  }

  public int size() {
    return vectors.length;
  }

  private static NeutralTasks load(Embedder embedder, Path cacheDir) {
    List<String> texts = texts();
    String file = fileName(embedder.id(), texts);
    try (InputStream in = NeutralTasks.class.getResourceAsStream("/neutral/" + file)) {
      if (in != null) return new NeutralTasks(read(in, texts.size(), embedder.dimension()));
    } catch (IOException e) {
      // a broken bundled file is recomputed below
    }
    Path cached = cacheDir.resolve(file);
    if (Files.isRegularFile(cached)) {
      try (InputStream in = Files.newInputStream(cached)) {
        return new NeutralTasks(read(in, texts.size(), embedder.dimension()));
      } catch (IOException e) {
        // unreadable cache entry: recompute
      }
    }
    float[][] vectors = embedder.embedPassages(texts).toArray(new float[0][]);
    try {
      write(vectors, cached);
    } catch (IOException e) {
      System.err.println("rescue: cannot cache neutral-task vectors in " + cached + ": " + e.getMessage());
    }
    return new NeutralTasks(vectors);
  }

  static List<String> texts() {
    try (InputStream in = NeutralTasks.class.getResourceAsStream(TEXTS)) {
      if (in == null) throw new IllegalStateException("resource " + TEXTS + " is missing from the build");
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) out.add(line.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + TEXTS + ": " + e.getMessage(), e);
    }
  }

  /** Named after the embedder and the texts, so that edited texts never meet stale vectors. */
  static String fileName(String embedderId, List<String> texts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(String.join("\n", texts).getBytes(StandardCharsets.UTF_8));
      String sha = HexFormat.of().formatHex(md.digest()).substring(0, 16);
      return embedderId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + sha + ".f32";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static float[][] read(InputStream in, int n, int dim) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (d.readInt() != n || d.readInt() != dim) throw new IOException("shape mismatch");
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) v[i][j] = d.readFloat();
    return v;
  }

  private static void write(float[][] vectors, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "neutral", ".tmp");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
      out.writeInt(vectors.length);
      out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
      for (float[] v : vectors) for (float f : v) out.writeFloat(f);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Build step: writes the vectors for {@code embedder} into {@code dir} (a classes folder's {@code neutral/}). */
  public static void writeVectors(Embedder embedder, Path dir) throws IOException {
    List<String> texts = texts();
    Path out = dir.resolve(fileName(embedder.id(), texts));
    if (Files.isRegularFile(out)) return;
    write(embedder.embedPassages(texts).toArray(new float[0][]), out);
    System.out.println("neutral tasks: " + texts.size() + " vectors -> " + out);
  }
}
