package dev.rescue.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The harness's own Python files, copied from resources into a folder the sandboxed sample can read
 * but never write (the harness's, folders 0755 and files 0644, and read-only in the sample's view): a
 * sample that could rewrite the plugin would decide every later sample's verdict. They are
 * the pytest plugin that records each test's markers and outcome, and the compatibility modules for
 * benchmark dependencies Debian does not package ({@code Crypto} over Debian's {@code Cryptodome},
 * {@code wrapt_timeout_decorator}, {@code func_timeout}).
 */
final class HarnessFiles {
  static final List<String> FILES = List.of("rescue_pytest_plugin.py", "wrapt_timeout_decorator.py",
      "func_timeout.py", "Crypto/__init__.py", "humanevalplus_harness.py", "bigcodebench_harness.py");
  /** Compatibility modules, named in reports. */
  static final List<String> COMPATIBILITY = List.of("Crypto (alias of Debian's Cryptodome)",
      "wrapt_timeout_decorator (timeout by forked child)", "func_timeout (timeout by thread, as the package)");

  private HarnessFiles() {}

  private static void readOnlyForOthers(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  static Path install(Path dir) {
    try {
      for (String f : FILES) {
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        try (InputStream in = HarnessFiles.class.getResourceAsStream("/eval/python/" + f)) {
          if (in == null) throw new IllegalStateException("harness resource missing: /eval/python/" + f);
          Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      readOnlyForOthers(dir);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot install harness files into " + dir + ": " + e.getMessage(), e);
    }
  }
}
