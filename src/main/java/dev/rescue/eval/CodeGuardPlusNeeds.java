package dev.rescue.eval;

import dev.rescue.model.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CodeGuard+ scenario needs from this machine beyond its language's toolchain: the Python
 * modules its prompt and functional test import (or patch), and the C headers its prompt includes.
 * The benchmark assumes {@code pip install -r requirements.txt}; here they come from Debian, and a
 * scenario whose module or header is missing is skipped with that reason rather than failed.
 */
final class CodeGuardPlusNeeds {
  /** {@code patch('requests.get')} imports {@code requests} when the test starts. */
  private static final Pattern PATCH = Pattern.compile("\\bpatch\\(\\s*['\"]([A-Za-z_]\\w*)\\.");
  private static final Pattern INCLUDE = Pattern.compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*<([^>]+)>");
  /** requirements.txt names whose import name differs; the others import as themselves. */
  private static final Map<String, String> IMPORT_NAME = Map.of("pycryptodome", "Crypto", "argon2-cffi", "argon2",
      "pyjwt", "jwt", "python-jose", "jose", "pyyaml", "yaml", "func-timeout", "func_timeout");
  private static final Map<String, Boolean> HEADERS = new ConcurrentHashMap<>();

  private final Toolchain toolchain;
  private final Path shims;
  private final Set<String> requirements;
  private final Set<String> benchmarkModules;

  /**
   * @param benchmarkRoot the benchmark folder: its requirements.txt, and its own modules
   *     ({@code unit_test/test_utils.py}) which need no install
   */
  CodeGuardPlusNeeds(Path benchmarkRoot, Toolchain toolchain, Path shims) {
    this.toolchain = toolchain;
    this.shims = shims;
    this.requirements = requirementModules(benchmarkRoot.resolve("requirements.txt"));
    this.benchmarkModules = ownModules(benchmarkRoot.resolve("unit_test"));
  }

  /** The import names of the packages the benchmark's requirements.txt asks for. */
  Set<String> requirements() {
    return requirements;
  }

  static Set<String> requirementModules(Path requirementsTxt) {
    Set<String> modules = new TreeSet<>();
    if (!Files.isRegularFile(requirementsTxt)) return modules;
    try {
      for (String line : Files.readAllLines(requirementsTxt, StandardCharsets.UTF_8)) {
        String name = line.replaceAll("#.*", "").split("[<>=!~;\\[ ]", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) modules.add(IMPORT_NAME.getOrDefault(name, name.replace('-', '_')));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + requirementsTxt + ": " + e.getMessage(), e);
    }
    return modules;
  }

  private static Set<String> ownModules(Path unitTests) {
    Set<String> own = new TreeSet<>();
    try (var s = Files.list(unitTests)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).forEach(n -> own.add(n.substring(0, n.length() - 3)));
    } catch (IOException e) {
      // no unit_test folder: every scenario reports its missing functional test
    }
    return own;
  }

  /** Top-level Python modules a source imports or patches, in order of appearance. */
  static Set<String> pythonImports(String source) {
    Set<String> modules = new java.util.LinkedHashSet<>(Requirements.pythonImports(source));
    Matcher p = PATCH.matcher(source);
    while (p.find()) modules.add(p.group(1));
    return modules;
  }

  /** Headers a C or C++ source includes with angle brackets. */
  static Set<String> cHeaders(String source) {
    Set<String> headers = new java.util.LinkedHashSet<>();
    Matcher m = INCLUDE.matcher(source);
    while (m.find()) headers.add(m.group(1).strip());
    return headers;
  }

  /** Why this machine cannot run the scenario's functional test, or empty when it can. */
  Optional<String> missing(CodeGuardPlusScenario s) {
    EvalTask t = s.task();
    String test;
    String utils;
    try {
      test = Files.readString(s.functionalTest(), StandardCharsets.UTF_8);
      Path u = s.unitTestDir().getParent().getParent().resolve("test_utils.py");
      utils = Files.isRegularFile(u) ? Files.readString(u, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return Optional.of("cannot read " + s.functionalTest() + ": " + e.getMessage());
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    if (t.language() == Language.PYTHON) for (String m : pythonImports(t.prompt())) wanted.putIfAbsent(m, "the prompt");
    for (String m : pythonImports(test)) wanted.putIfAbsent(m, "functional.py");
    for (String m : pythonImports(utils)) wanted.putIfAbsent(m, "test_utils.py");
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (benchmarkModules.contains(e.getKey())) continue;
      if (!toolchain.pythonHas(e.getKey(), shims)) {
        return Optional.of("Python module '" + e.getKey() + "' (imported by " + e.getValue() + ") is not installed for "
            + toolchain.python() + (requirements.contains(e.getKey()) ? " (requirements.txt asks for it)" : ""));
      }
    }
    if (t.language() != Language.PYTHON) {
      for (String h : cHeaders(t.prompt())) {
        if (!hasHeader(h, t.language())) {
          return Optional.of("C header <" + h + "> (included by the prompt) is not installed: "
              + (t.language() == Language.CPP ? "g++" : "gcc") + " cannot find it");
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the compiler finds a header, probed once per header and language. */
  static boolean hasHeader(String header, Language language) {
    return HEADERS.computeIfAbsent(language.id() + "|" + header, k -> {
      boolean cpp = language == Language.CPP;
      try {
        Process p = new ProcessBuilder(cpp ? "g++" : "gcc", "-E", "-x", cpp ? "c++" : "c", "-o", "/dev/null", "-")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
          in.write(("#include <" + header + ">\n").getBytes(StandardCharsets.UTF_8));
        }
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }
}
