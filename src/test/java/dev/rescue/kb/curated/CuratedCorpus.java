package dev.rescue.kb.curated;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The authoring files under {@code src/main/curated}, optionally narrowed with
 * {@code -Dcurated.files=cwe-079.yaml,cwe-089.yaml} so one writer can gate their own files.
 */
final class CuratedCorpus {
  static final String FILTER_PROPERTY = "curated.files";

  // Unknown keys fail the load: a misspelt "guidline" must not pass as a file without a guideline.
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CuratedCorpus() {}

  static Path directory() {
    return Path.of(System.getProperty("basedir", "."), "src", "main", "curated");
  }

  /** Every selected {@code cwe-*.yaml}, sorted by name; throws naming any filtered file that does not exist. */
  static List<CuratedFile> load() {
    Path dir = directory();
    List<Path> all;
    try (Stream<Path> files = Files.list(dir)) {
      all = files.filter(p -> p.getFileName().toString().matches("cwe-\\d+\\.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list curated files in " + dir.toAbsolutePath(), e);
    }
    Set<String> wanted = filter();
    if (!wanted.isEmpty()) {
      Set<String> present = all.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      List<String> missing = wanted.stream().filter(w -> !present.contains(w)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("-D" + FILTER_PROPERTY + " names files not in " + dir + ": " + missing);
      }
    }
    List<CuratedFile> out = new ArrayList<>();
    for (Path p : all) {
      String name = p.getFileName().toString();
      if (!wanted.isEmpty() && !wanted.contains(name)) continue;
      out.add(read(p));
    }
    return out;
  }

  private static CuratedFile read(Path p) {
    String name = p.getFileName().toString();
    try {
      CuratedEntry e = YAML.readValue(p.toFile(), CuratedEntry.class);
      return e == null ? CuratedFile.broken(name, "empty file") : CuratedFile.loaded(name, e);
    } catch (IOException | RuntimeException e) {
      return CuratedFile.broken(name, e.getMessage());
    }
  }

  static Set<String> filter() {
    String raw = System.getProperty(FILTER_PROPERTY, "").trim();
    if (raw.isEmpty()) return Set.of();
    return Arrays.stream(raw.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
