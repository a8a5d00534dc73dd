package dev.rescue.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Go modules from Debian's source packages ({@code /usr/share/gocode/src}), used offline: there is no
 * module proxy, so samples are built in GOPATH mode with that tree on the GOPATH. A module whose
 * import path differs from Debian's folder (jwt/v5 over Debian's v4) is served through a symlink in
 * a GOPATH of the harness's own, laid before Debian's.
 */
public final class GoModules {
  /** Where Debian's {@code golang-*-dev} packages put their sources. */
  public static final Path DEBIAN = Path.of("/usr/share/gocode");

  /**
   * A module the benchmarks import.
   *
   * @param path the import path prefix samples use
   * @param debianDir its folder under {@code src/} of Debian's tree
   * @param note what differs from the real module, or null
   */
  public record Module(String path, String debianPackage, String debianDir, String note) {}

  /** The non-standard modules CWEval's Go tasks import, and the Debian package of each (bookworm's versions). */
  public static final List<Module> KNOWN = List.of(
      new Module("github.com/golang-jwt/jwt/v5", "golang-github-golang-jwt-jwt-dev", "github.com/golang-jwt/jwt",
          "Debian ships v4, which serves v5 here: v5-only API does not compile"),
      new Module("github.com/golang-jwt/jwt/v4", "golang-github-golang-jwt-jwt-dev", "github.com/golang-jwt/jwt", null),
      new Module("golang.org/x/crypto", "golang-golang-x-crypto-dev", "golang.org/x/crypto", null),
      new Module("github.com/ChrisTrenkamp/goxpath", "golang-github-christrenkamp-goxpath-dev",
          "github.com/ChrisTrenkamp/goxpath", null),
      new Module("github.com/mattn/go-sqlite3", "golang-github-mattn-go-sqlite3-dev", "github.com/mattn/go-sqlite3",
          "built with cgo: needs gcc and libsqlite3-dev"));

  private final Path root;

  public GoModules(Path root) {
    this.root = root;
  }

  public static GoModules debian() {
    return new GoModules(DEBIAN);
  }

  public Path root() {
    return root;
  }

  /** Whether the import is in Go's standard library (its first element has no dot). */
  public static boolean standard(String importPath) {
    return !importPath.split("/")[0].contains(".");
  }

  /** The known module an import belongs to. */
  public static Optional<Module> moduleOf(String importPath) {
    return KNOWN.stream()
        .filter(m -> importPath.equals(m.path()) || importPath.startsWith(m.path() + "/"))
        .findFirst();
  }

  /** What a non-standard import needs: its module, with the Debian package when one is known. */
  public static Requirement requirement(String importPath) {
    return moduleOf(importPath)
        .map(m -> new Requirement(Requirement.Kind.GO_MODULE, m.path(), m.debianPackage(), m.note()))
        .orElseGet(() -> new Requirement(Requirement.Kind.GO_MODULE, importPath, null,
            "no Debian package known, and no module proxy offline"));
  }

  /** Whether this tree has the import's package sources. */
  public boolean has(String importPath) {
    Optional<Module> m = moduleOf(importPath);
    String dir = m.map(mod -> mod.debianDir() + importPath.substring(mod.path().length())).orElse(importPath);
    return Files.isDirectory(root.resolve("src").resolve(dir));
  }

  /**
   * The build environment: GOPATH mode over {@code gopath} (where the aliases are laid) and Debian's
   * tree, no proxy, no checksum database (nothing is downloaded), the given build cache.
   */
  public Map<String, String> buildEnv(Path gocache, Path gopath) {
    layAliases(gopath);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOCACHE", gocache.toString());
    env.put("GOPATH", gopath + java.io.File.pathSeparator + root);
    env.put("GO111MODULE", "off");
    env.put("GOPROXY", "off");
    env.put("GOSUMDB", "off");
    env.put("GOTOOLCHAIN", "local");
    return env;
  }

  private void layAliases(Path gopath) {
    for (Module m : KNOWN) {
      if (m.path().equals(m.debianDir())) continue;
      Path target = root.resolve("src").resolve(m.debianDir());
      Path link = gopath.resolve("src").resolve(m.path());
      if (!Files.isDirectory(target) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
      try {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
      } catch (IOException e) {
        // a concurrent sample laid it first; any other failure shows as the build's missing import
      }
    }
  }
}
