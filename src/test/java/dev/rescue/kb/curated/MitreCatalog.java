package dev.rescue.kb.curated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official weakness names of MITRE's CWE catalog, read from the shared data folder when it is
 * there ({@code -Dcwe.catalog=PATH} overrides). Absent on a fresh clone, where the name gate skips.
 */
final class MitreCatalog {
  private static final Pattern WEAKNESS = Pattern.compile("<Weakness ID=\"(\\d+)\" Name=\"([^\"]*)\"");

  private final Map<String, String> names;

  private MitreCatalog(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  static Path defaultPath() {
    String p = System.getProperty("cwe.catalog");
    if (p != null) return Path.of(p);
    return Path.of(System.getProperty("basedir", "."), "..", "shared", "data", "cwe", "cwec_v4.14.xml");
  }

  static Optional<MitreCatalog> load() {
    Path path = defaultPath();
    if (!Files.isRegularFile(path)) return Optional.empty();
    try {
      Map<String, String> names = new HashMap<>();
      Matcher m = WEAKNESS.matcher(Files.readString(path));
      while (m.find()) names.put("CWE-" + m.group(1), unescape(m.group(2)));
      return Optional.of(new MitreCatalog(names));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CWE catalog " + path, e);
    }
  }

  Optional<String> name(String cwe) {
    return Optional.ofNullable(names.get(cwe));
  }

  private static String unescape(String xml) {
    return xml.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }
}
