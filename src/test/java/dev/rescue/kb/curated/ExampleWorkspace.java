package dev.rescue.kb.curated;

import dev.rescue.model.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes every example of the selected curated files into one temp folder, so that each analyser
 * runs once over all of them (a process per example would make the gates slow). C and C++ examples
 * are wrapped in a fixed set of standard headers plus the example's own {@code headers}.
 */
final class ExampleWorkspace {
  static final List<String> C_HEADERS = List.of(
      "stdio.h", "stdlib.h", "string.h", "stdint.h", "stddef.h", "stdbool.h", "limits.h", "errno.h",
      "ctype.h", "time.h", "unistd.h", "fcntl.h", "sys/types.h", "sys/stat.h", "pthread.h");
  static final List<String> CPP_HEADERS = List.of(
      "cstdio", "cstdlib", "cstring", "cstdint", "cstddef", "climits", "cerrno", "ctime", "string",
      "string_view", "vector", "array", "map", "unordered_map", "memory", "iostream", "fstream",
      "sstream", "algorithm", "stdexcept", "mutex", "thread", "random", "unistd.h", "fcntl.h",
      "sys/types.h", "sys/stat.h");

  private final Path dir;
  private final List<ExampleFile> files = new ArrayList<>();

  private ExampleWorkspace(Path dir) {
    this.dir = dir;
  }

  static ExampleWorkspace write(Collection<CuratedFile> curated, Set<Language> languages) {
    try {
      ExampleWorkspace ws = new ExampleWorkspace(Files.createTempDirectory("curated-examples").toAbsolutePath());
      ws.writeStandardHeaders();
      for (CuratedFile f : curated) {
        if (f.entry() == null) continue;
        List<CuratedEntry.Example> examples = f.entry().examples();
        for (int i = 0; i < examples.size(); i++) {
          CuratedEntry.Example ex = examples.get(i);
          Optional<Language> lang = Language.fromId(ex.language());
          if (lang.isEmpty() || !languages.contains(lang.get())) continue;
          ws.add(f, i, ex, lang.get(), ExampleFile.Variant.VULNERABLE, ex.vulnerable());
          ws.add(f, i, ex, lang.get(), ExampleFile.Variant.SECURE, ex.secure());
        }
      }
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write curated examples to a temp folder", e);
    }
  }

  private void add(CuratedFile f, int index, CuratedEntry.Example ex, Language lang,
      ExampleFile.Variant variant, String code) throws IOException {
    if (code == null || code.isBlank()) return;
    String ext = switch (lang) {
      case PYTHON -> ".py";
      case C -> ".c";
      case CPP -> ".cpp";
      case JAVA -> ".java";
      case JAVASCRIPT -> ".js";
      case GO -> ".go";
      case RUBY -> ".rb";
    };
    String name = f.stem() + "__" + lang.id() + "__" + index + "__" + variant.name().toLowerCase() + ext;
    Path p = dir.resolve(name);
    Files.writeString(p, wrap(lang, ex.headers(), code));
    files.add(new ExampleFile(f.fileName(), f.maybeEntry().map(CuratedEntry::cwe).orElse("?"), lang, index, variant, p));
  }

  /** The headers a C or C++ example is compiled with: the fixed set, then its own extras. */
  static List<String> headersFor(Language lang, List<String> extra) {
    Set<String> all = new LinkedHashSet<>(lang == Language.C ? C_HEADERS : CPP_HEADERS);
    all.addAll(extra);
    return List.copyOf(all);
  }

  /**
   * The fixed headers go through one local header ({@link #standardHeader}) so that the compile gate
   * can precompile it once: parsing iostream and friends for every example dominated its time.
   */
  private static String wrap(Language lang, List<String> extra, String code) {
    if (lang != Language.C && lang != Language.CPP) return code;
    StringBuilder sb = new StringBuilder("#include \"").append(standardHeader(lang)).append("\"\n");
    for (String h : extra) sb.append("#include <").append(h).append(">\n");
    return sb.append('\n').append(code).toString();
  }

  /** The file name of the local header that includes the fixed standard headers of a language. */
  static String standardHeader(Language lang) {
    return lang == Language.C ? "curated-std.h" : "curated-std.hpp";
  }

  private void writeStandardHeaders() throws IOException {
    for (Language lang : List.of(Language.C, Language.CPP)) {
      StringBuilder sb = new StringBuilder();
      for (String h : headersFor(lang, List.of())) sb.append("#include <").append(h).append(">\n");
      Files.writeString(dir.resolve(standardHeader(lang)), sb.toString());
    }
  }

  Path dir() {
    return dir;
  }

  List<ExampleFile> files() {
    return List.copyOf(files);
  }

  List<ExampleFile> files(Language lang) {
    return files.stream().filter(f -> f.language() == lang).toList();
  }

  /** The example a tool's output line names, found by its file name (tools print various path forms). */
  Optional<ExampleFile> byToolPath(String reported) {
    String name = Path.of(reported.trim()).getFileName().toString();
    return files.stream().filter(f -> f.path().getFileName().toString().equals(name)).findFirst();
  }
}
