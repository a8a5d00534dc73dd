package dev.rescue.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A dataset {@code kb build} reads, given as {@code KIND:PATH} ({@code safecoder:PATH}; PATH a
 * {@code .jsonl} file or a folder of them).
 */
public record KbSource(String kind, Path path) {
  public static final String SAFECODER = "safecoder";

  /** Parses {@code safecoder:PATH}; throws {@link IllegalArgumentException} naming the bad value. */
  public static KbSource parse(String spec) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("--source '" + spec + "': expected KIND:PATH, e.g. safecoder:data/train");
    }
    String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!kind.equals(SAFECODER)) {
      throw new IllegalArgumentException("--source '" + spec + "': unknown kind '" + kind + "' (known: safecoder)");
    }
    Path path = Path.of(spec.substring(colon + 1));
    if (!Files.exists(path)) throw new IllegalArgumentException("--source '" + spec + "': " + path + " does not exist");
    return new KbSource(kind, path);
  }

  /** {@code kind:path} as given. */
  public String name() {
    return kind + ":" + path;
  }

  /**
   * sha256 of the file, or for a folder the sha256 over each {@code *.jsonl} file's relative path
   * and hash (sorted), so that the manifest pins exactly the data the KB was built from.
   */
  public String sha256() {
    if (Files.isRegularFile(path)) return Sha256.of(path);
    try (Stream<Path> files = Files.walk(path)) {
      List<Path> sorted = files.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      StringBuilder sb = new StringBuilder();
      for (Path f : sorted) sb.append(path.relativize(f).toString().replace('\\', '/')).append('=').append(Sha256.of(f)).append('\n');
      return Sha256.of(sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
