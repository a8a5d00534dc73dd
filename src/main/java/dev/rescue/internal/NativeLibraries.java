package dev.rescue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where ONNX Runtime and tree-sitter load their native libraries from. Left alone, both copy their
 * libraries out of their jars into {@code java.io.tmpdir} on every run (ONNX Runtime 16 MB into an
 * {@code onnxruntime-java*} folder it cannot delete while it is not empty, tree-sitter one file per
 * grammar, deleted only at an orderly exit), so a cache's tmp grew by a folder a run and by whole
 * copies after every crash or kill. Instead each set of libraries is extracted once into a folder
 * under the cache named by its content ({@code native/onnxruntime-<hash>}), and the libraries are
 * pointed at it by their own system properties: {@code onnxruntime.native.path} and
 * {@code tree-sitter-lib}. A new version of a library has another hash, hence another folder.
 *
 * <p>The hash comes from each jar entry's name, size and CRC-32 (read from the jar's directory, not
 * from the 16 MB of content), so that a run pays for extraction once and a lookup afterwards.
 * Extraction goes to a temporary folder moved into place, so that concurrent runs and a run killed
 * mid-copy never load a half-written library. Any failure leaves the property unset: the library
 * then extracts as it always did.
 */
public final class NativeLibraries {
  public static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
  public static final String TREE_SITTER_PROPERTY = "tree-sitter-lib";
  /** The grammars rescue parses with, and tree-sitter's core. */
  private static final List<String> TREE_SITTER_LIBS = List.of("tree-sitter", "tree-sitter-python", "tree-sitter-c",
      "tree-sitter-cpp", "tree-sitter-java", "tree-sitter-javascript", "tree-sitter-go");

  private NativeLibraries() {}

  /** One library file: where it is in the jars, and where it goes in the extracted folder. */
  record Library(String resource, String target) {}

  /** Points both libraries at extracted copies under {@code folder}; a property already set is kept. */
  public static void useExtractedCopies(Path folder) {
    ClassLoader loader = NativeLibraries.class.getClassLoader();
    if (System.getProperty(ORT_PATH_PROPERTY) == null) {
      List<Library> libs = onnxRuntime();
      if (!libs.isEmpty()) extract(loader, folder, "onnxruntime", libs).ifPresent(p -> System.setProperty(ORT_PATH_PROPERTY, p));
    }
    if (System.getProperty(TREE_SITTER_PROPERTY) == null) {
      List<Library> libs = treeSitter();
      if (!libs.isEmpty()) extract(loader, folder, "tree-sitter", libs).ifPresent(p -> System.setProperty(TREE_SITTER_PROPERTY, p));
    }
  }

  /** ONNX Runtime's layout: {@code ai/onnxruntime/native/<os>-<arch>/<lib>}, loaded from {@code <dir>/<lib>}. */
  static List<Library> onnxRuntime() {
    String os = os("osx", "linux", "win");
    String arch = arch("x64", "aarch64");
    if (os == null || arch == null) return List.of();
    List<Library> out = new ArrayList<>();
    for (String name : List.of("onnxruntime", "onnxruntime4j_jni")) {
      String file = System.mapLibraryName(name);
      out.add(new Library("ai/onnxruntime/native/" + os + "-" + arch + "/" + file, file));
    }
    return out;
  }

  /** tree-sitter's (io.github.bonede): {@code lib/<arch>-<os>-<name>.<ext>}, loaded from {@code <dir>/lib/...}. */
  static List<Library> treeSitter() {
    String os = os("macos", "linux-gnu", "windows");
    String arch = arch("x86_64", "aarch64");
    if (os == null || arch == null) return List.of();
    String ext = os.equals("macos") ? "dylib" : os.equals("windows") ? "dll" : "so";
    List<Library> out = new ArrayList<>();
    for (String name : TREE_SITTER_LIBS) {
      String file = "lib/" + arch + "-" + os + "-" + name + "." + ext;
      out.add(new Library(file, file));
    }
    return out;
  }

  private static String os(String mac, String linux, String windows) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.contains("mac") || os.contains("darwin") ? mac : os.contains("linux") ? linux : os.contains("win") ? windows : null;
  }

  private static String arch(String x64, String arm64) {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return arch.equals("amd64") || arch.equals("x86_64") ? x64 : arch.equals("aarch64") ? arm64 : null;
  }

  /** The folder holding {@code libs}, extracting them first when needed; empty when one is missing or on failure. */
  static java.util.Optional<String> extract(ClassLoader loader, Path folder, String name, List<Library> libs) {
    try {
      List<URL> urls = new ArrayList<>();
      for (Library l : libs) {
        URL u = loader.getResource(l.resource());
        if (u == null) return java.util.Optional.empty();
        urls.add(u);
      }
      Path target = folder.resolve(name + "-" + hash(libs, urls));
      if (!complete(target, libs)) copy(folder, target, libs, urls);
      return java.util.Optional.of(target.toAbsolutePath().toString());
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean complete(Path target, List<Library> libs) {
    for (Library l : libs) if (!Files.isRegularFile(target.resolve(l.target()))) return false;
    return true;
  }

  private static void copy(Path folder, Path target, List<Library> libs, List<URL> urls) throws IOException {
    Files.createDirectories(folder);
    Path tmp = Files.createTempDirectory(folder, ".extracting-");
    try {
      for (int i = 0; i < libs.size(); i++) {
        Path file = tmp.resolve(libs.get(i).target());
        Files.createDirectories(file.getParent());
        try (InputStream in = urls.get(i).openStream()) {
          Files.copy(in, file);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
        // another run put the same content there first (or the file system cannot swap folders): use theirs
        if (!complete(target, libs)) throw raced;
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /** 16 hex digits over each entry's name, size and CRC (or content, outside a jar). */
  private static String hash(List<Library> libs, List<URL> urls) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < libs.size(); i++) {
      sha.update(libs.get(i).resource().getBytes(StandardCharsets.UTF_8));
      URLConnection c = urls.get(i).openConnection();
      if (c instanceof JarURLConnection jar && jar.getJarEntry().getCrc() != -1) {
        c.setUseCaches(true);
        sha.update((jar.getJarEntry().getSize() + ":" + jar.getJarEntry().getCrc()).getBytes(StandardCharsets.UTF_8));
      } else {
        try (InputStream in = c.getInputStream()) {
          sha.update(in.readAllBytes());
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
