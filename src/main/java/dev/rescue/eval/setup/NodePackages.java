package dev.rescue.eval.setup;

import dev.rescue.eval.Requirements;
import dev.rescue.eval.Toolchain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm packages CWEval's JavaScript tasks require, installed with {@code npm ci} from the lock file
 * rescue ships, so every machine gets the same versions. Packages without a prebuilt binary in their
 * tarball (sqlite3) are built by node-gyp against the node headers installed with node (and sqlite3
 * against Debian's libsqlite3 when libsqlite3-dev is installed); each package is then loaded once, so a
 * broken native build is reported here rather than as failed samples.
 */
public final class NodePackages {
  private static final String STAMP = ".rescue-lock.sha256";
  private static final int NPM_MINUTES = 20;
  private static final Path SYSTEM_SQLITE_HEADER = Path.of("/usr/include/sqlite3.h");

  private final Path dir;

  /** @param dir the folder that gets package.json, package-lock.json and node_modules */
  public NodePackages(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public static NodePackages inCache() {
    return new NodePackages(Toolchain.nodeSetupDir());
  }

  public Path dir() {
    return dir;
  }

  public Path nodeModules() {
    return dir.resolve("node_modules");
  }

  /** @param ranNpm false when the folder already held this lock file's install */
  public record Outcome(boolean ranNpm, List<String> broken) {
    public boolean ok() {
      return broken.isEmpty();
    }
  }

  /** Why npm packages cannot be installed here (a missing tool), or null. */
  public static String cannotInstall() {
    if (!Toolchain.onPath("node")) return "node not installed (Debian nodejs)";
    if (!Toolchain.onPath("npm")) return "npm not installed (Debian npm)";
    return null;
  }

  /**
   * Installs unless this lock file's install is already there (or {@code force}), then loads each package.
   *
   * @throws SetupException when npm fails, with the end of its log
   */
  public Outcome install(boolean force) throws IOException {
    String lock = resource(Requirements.NODE_LOCK);
    String hash = sha256(resource(Requirements.NODE_PACKAGE_JSON) + "\n" + lock);
    Path stamp = dir.resolve(STAMP);
    boolean upToDate = !force && Files.isDirectory(nodeModules()) && Files.isRegularFile(stamp)
        && Files.readString(stamp).strip().equals(hash);
    if (!upToDate) {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("package.json"), resource(Requirements.NODE_PACKAGE_JSON));
      Files.writeString(dir.resolve("package-lock.json"), lock);
      Files.deleteIfExists(stamp);
      Path log = dir.resolve("npm-ci.log");
      List<String> cmd = List.of("npm", "ci", "--prefix", dir.toString(), "--no-audit", "--no-fund",
          "--update-notifier=false");
      Map<String, String> env = new HashMap<>();
      // sqlite3 has no binary node-gyp may download here: it builds from source, against Debian's
      // libsqlite3 when its headers are there (1 minute instead of 3 to 6 for the bundled amalgamation);
      // node-gyp reads the variable from its environment, which npm passes on
      if (Files.isRegularFile(SYSTEM_SQLITE_HEADER)) env.put("npm_config_sqlite", "/usr");
      int rc = run(cmd, env, log, NPM_MINUTES);
      if (rc != 0) {
        throw new SetupException("npm ci failed (exit " + rc + ") in " + dir + "; end of " + log + ":\n" + tail(log, 15));
      }
      openToOthers(dir);
    }
    List<String> broken = load();
    if (broken.isEmpty() && !upToDate) Files.writeString(stamp, hash + "\n");
    return new Outcome(!upToDate, broken);
  }

  /** Loads every shipped package with node; each failure as "name: first error line". */
  public List<String> load() throws IOException {
    List<String> broken = new ArrayList<>();
    for (String name : Requirements.shippedNpmPackages()) {
      ProcessBuilder pb = new ProcessBuilder("node", "-e", "require(process.argv[1])", name).redirectErrorStream(true);
      pb.environment().put("NODE_PATH", nodeModules().toString());
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          broken.add(name + ": loading timed out");
        } else if (p.exitValue() != 0) {
          broken.add(name + ": " + firstError(out));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    return broken;
  }

  private static String firstError(String out) {
    return out.lines().filter(l -> l.contains("Error")).findFirst().orElse(out.strip().lines().findFirst().orElse("?")).strip();
  }

  private static int run(List<String> cmd, Map<String, String> env, Path log, int minutes) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new SetupException("npm ci did not finish in " + minutes + " minutes (see " + log + ")");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The sandbox runs samples as another user: it must read the packages (and enter their folders). */
  private static void openToOthers(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isSymbolicLink(p)) continue;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        boolean changed = perms.add(PosixFilePermission.OTHERS_READ);
        if (Files.isDirectory(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
          changed |= perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (changed) Files.setPosixFilePermissions(p, perms);
      }
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = NodePackages.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("resource missing: " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
