package dev.rescue.eval;

import dev.rescue.internal.CacheDirs;
import dev.rescue.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The compilers and interpreters this machine has, found once. Python is Debian's
 * {@code /usr/bin/python3} by default (its packages are what the benchmarks need), settable.
 *
 * @param nodePath a folder of npm packages ({@code node_modules}) for JavaScript tasks, or null; by
 *     default the one {@code rescue eval setup} installed, when it exists
 */
public record Toolchain(String python, boolean gcc, boolean gpp, boolean node, boolean go, Path nodePath) {
  private static final Map<String, Boolean> PYTHON_MODULES = new ConcurrentHashMap<>();

  /** @param nodePath the npm packages to use, or null for {@link #defaultNodePath()} */
  public static Toolchain detect(String python, Path nodePath) {
    Path node = nodePath != null ? nodePath : defaultNodePath();
    return new Toolchain(python, onPath("gcc"), onPath("g++"), onPath("node"), onPath("go"),
        Files.isDirectory(node) ? node.toAbsolutePath() : null);
  }

  /** Where {@code rescue eval setup} installs the npm packages: {@code eval/node} in the rescue cache. */
  public static Path nodeSetupDir() {
    return CacheDirs.of("eval").resolve("node");
  }

  /** The {@code node_modules} of {@link #nodeSetupDir()}. */
  public static Path defaultNodePath() {
    return nodeSetupDir().resolve("node_modules");
  }

  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  /** Why a language's toolchain is missing, or empty when present. */
  public Optional<String> missing(Language language) {
    return switch (language) {
      case PYTHON -> Files.isExecutable(Path.of(python)) || onPath(python) ? Optional.empty()
          : Optional.of("python interpreter " + python + " not found");
      case C -> gcc ? Optional.empty() : Optional.of("gcc not installed");
      case CPP -> gpp ? Optional.empty() : Optional.of("g++ not installed");
      case JAVASCRIPT -> node ? Optional.empty() : Optional.of("node not installed");
      case GO -> go ? Optional.empty() : Optional.of("go not installed (Debian golang-go)");
      default -> Optional.of("language '" + language.id() + "' not supported by the harness");
    };
  }

  /**
   * Whether the Python interpreter can import a module, with the harness's compatibility modules on
   * the path. Probed once per module and cached for the process.
   */
  public boolean pythonHas(String module, Path shims) {
    return PYTHON_MODULES.computeIfAbsent(python + "|" + module, k -> {
      try {
        ProcessBuilder pb = new ProcessBuilder(python, "-c", "import " + module)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (shims != null) pb.environment().put("PYTHONPATH", shims.toString());
        Process p = pb.start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** For the report. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("python", python);
    m.put("gcc", gcc);
    m.put("g++", gpp);
    m.put("node", node);
    m.put("go", go);
    m.put("node_path", nodePath == null ? null : nodePath.toString());
    return m;
  }

  /** The languages the harness runs. */
  public static List<Language> languages() {
    return List.of(Language.PYTHON, Language.C, Language.CPP, Language.JAVASCRIPT, Language.GO);
  }
}
