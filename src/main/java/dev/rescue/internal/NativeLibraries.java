package dev.rescue.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where ONNX Runtime and tree-sitter load their native libraries from. Left alone, both copy their
 * libraries out of their jars into {@code java.io.tmpdir} on every run (ONNX Runtime 16 MB into an
 * {@code onnxruntime-java*} folder it cannot delete while it is not empty, tree-sitter one file per
 * grammar, deleted only at an orderly exit), so a cache's tmp grew by a folder a run and by whole
 * copies after every crash or kill. Instead each set of libraries is extracted once into a folder
 * under the cache named by its content ({@code native/onnxruntime-<hash>}, see {@link
 * ExtractedCopies}), and the libraries are pointed at it by their own system properties: {@code
 * onnxruntime.native.path} and {@code tree-sitter-lib}. Any failure leaves the property unset: the
 * library then extracts as it always did.
 */
public final class NativeLibraries {
  public static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
  public static final String TREE_SITTER_PROPERTY = "tree-sitter-lib";
  /** The grammars rescue parses with, and tree-sitter's core. */
  private static final List<String> TREE_SITTER_LIBS = List.of("tree-sitter", "tree-sitter-python", "tree-sitter-c",
      "tree-sitter-cpp", "tree-sitter-java", "tree-sitter-javascript", "tree-sitter-go");

  private NativeLibraries() {}

  /** Points both libraries at extracted copies under {@code folder}; a property already set is kept. */
  public static void useExtractedCopies(Path folder) {
    ClassLoader loader = NativeLibraries.class.getClassLoader();
    if (System.getProperty(ORT_PATH_PROPERTY) == null) {
      List<ExtractedCopies.Entry> libs = onnxRuntime();
      if (!libs.isEmpty()) extract(loader, folder, "onnxruntime", libs).ifPresent(p -> System.setProperty(ORT_PATH_PROPERTY, p));
    }
    if (System.getProperty(TREE_SITTER_PROPERTY) == null) {
      List<ExtractedCopies.Entry> libs = treeSitter();
      if (!libs.isEmpty()) extract(loader, folder, "tree-sitter", libs).ifPresent(p -> System.setProperty(TREE_SITTER_PROPERTY, p));
    }
  }

  /** ONNX Runtime's layout: {@code ai/onnxruntime/native/<os>-<arch>/<lib>}, loaded from {@code <dir>/<lib>}. */
  static List<ExtractedCopies.Entry> onnxRuntime() {
    String os = os("osx", "linux", "win");
    String arch = arch("x64", "aarch64");
    if (os == null || arch == null) return List.of();
    List<ExtractedCopies.Entry> out = new ArrayList<>();
    for (String name : List.of("onnxruntime", "onnxruntime4j_jni")) {
      String file = System.mapLibraryName(name);
      out.add(new ExtractedCopies.Entry("ai/onnxruntime/native/" + os + "-" + arch + "/" + file, file));
    }
    return out;
  }

  /** tree-sitter's (io.github.bonede): {@code lib/<arch>-<os>-<name>.<ext>}, loaded from {@code <dir>/lib/...}. */
  static List<ExtractedCopies.Entry> treeSitter() {
    String os = os("macos", "linux-gnu", "windows");
    String arch = arch("x86_64", "aarch64");
    if (os == null || arch == null) return List.of();
    String ext = os.equals("macos") ? "dylib" : os.equals("windows") ? "dll" : "so";
    List<ExtractedCopies.Entry> out = new ArrayList<>();
    for (String name : TREE_SITTER_LIBS) {
      String file = "lib/" + arch + "-" + os + "-" + name + "." + ext;
      out.add(new ExtractedCopies.Entry(file, file));
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
  static Optional<String> extract(ClassLoader loader, Path folder, String name, List<ExtractedCopies.Entry> libs) {
    return ExtractedCopies.of(loader, folder, name, libs).map(Object::toString);
  }
}
