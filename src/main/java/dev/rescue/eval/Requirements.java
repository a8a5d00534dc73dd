package dev.rescue.eval;

import static dev.rescue.eval.Requirement.Kind.C_HEADER;
import static dev.rescue.eval.Requirement.Kind.NPM_PACKAGE;
import static dev.rescue.eval.Requirement.Kind.ORACLE;
import static dev.rescue.eval.Requirement.Kind.PYTHON_MODULE;
import static dev.rescue.eval.Requirement.Kind.TOOL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rescue.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each benchmark's tasks need from the machine, written once: {@code unavailable()} skips a task
 * for the first missing need, {@code rescue eval doctor} lists them and {@code rescue eval setup} turns
 * the missing ones into npm installs and an {@code apt-get install} line. Debian package names are
 * bookworm's.
 */
public final class Requirements {
  /**
   * Debian packages of the Python modules the benchmarks import (import name to package). Modules bookworm
   * lacks (moto, blake3, librosa, textblob, pytesseract, wikipedia, tensorflow) are left out, so they show
   * as "no Debian package".
   */
  static final Map<String, String> PYTHON_PACKAGES = Map.ofEntries(
      Map.entry("pytest", "python3-pytest"), Map.entry("yaml", "python3-yaml"), Map.entry("lxml", "python3-lxml"),
      Map.entry("jwt", "python3-jwt"), Map.entry("argon2", "python3-argon2"),
      // the harness's Crypto module is an alias of Debian's Cryptodome (see HarnessFiles)
      Map.entry("Crypto", "python3-pycryptodome"), Map.entry("Cryptodome", "python3-pycryptodome"),
      Map.entry("natsort", "python3-natsort"), Map.entry("flask", "python3-flask"), Map.entry("jinja2", "python3-jinja2"),
      Map.entry("paramiko", "python3-paramiko"), Map.entry("cryptography", "python3-cryptography"),
      Map.entry("jose", "python3-jose"), Map.entry("django", "python3-django"),
      Map.entry("defusedxml", "python3-defusedxml"), Map.entry("boto3", "python3-boto3"),
      Map.entry("werkzeug", "python3-werkzeug"), Map.entry("markupsafe", "python3-markupsafe"),
      Map.entry("numpy", "python3-numpy"), Map.entry("pandas", "python3-pandas"),
      Map.entry("matplotlib", "python3-matplotlib"), Map.entry("mpl_toolkits", "python3-matplotlib"),
      Map.entry("sklearn", "python3-sklearn"), Map.entry("scipy", "python3-scipy"), Map.entry("seaborn", "python3-seaborn"),
      Map.entry("requests", "python3-requests"), Map.entry("nltk", "python3-nltk"), Map.entry("pytz", "python3-tz"),
      Map.entry("bs4", "python3-bs4"), Map.entry("dateutil", "python3-dateutil"), Map.entry("cv2", "python3-opencv"),
      Map.entry("statsmodels", "python3-statsmodels"), Map.entry("PIL", "python3-pil"), Map.entry("rsa", "python3-rsa"),
      Map.entry("regex", "python3-regex"), Map.entry("psutil", "python3-psutil"), Map.entry("sympy", "python3-sympy"),
      Map.entry("openpyxl", "python3-openpyxl"), Map.entry("docx", "python3-docx"), Map.entry("xlwt", "python3-xlwt"),
      Map.entry("xmltodict", "python3-xmltodict"), Map.entry("faker", "python3-faker"),
      Map.entry("texttable", "python3-texttable"), Map.entry("prettytable", "python3-prettytable"),
      Map.entry("chardet", "python3-chardet"), Map.entry("shapely", "python3-shapely"),
      Map.entry("geopandas", "python3-geopandas"), Map.entry("skimage", "python3-skimage"),
      Map.entry("holidays", "python3-holidays"), Map.entry("wordcloud", "python3-wordcloud"),
      Map.entry("geopy", "python3-geopy"), Map.entry("folium", "python3-folium"), Map.entry("pyquery", "python3-pyquery"),
      Map.entry("Levenshtein", "python3-levenshtein"), Map.entry("soundfile", "python3-soundfile"),
      Map.entry("gensim", "python3-gensim"),
      Map.entry("mechanize", "python3-mechanize"),
      Map.entry("flask_login", "python3-flask-login"), Map.entry("flask_wtf", "python3-flaskext.wtf"),
      Map.entry("flask_restful", "python3-flask-restful"), Map.entry("flask_mail", "python3-flask-mail"),
      Map.entry("wtforms", "python3-wtforms"));

  /** Python modules the harness ships itself (see {@link HarnessFiles}). */
  static final Set<String> HARNESS_MODULES = Set.of("wrapt_timeout_decorator", "func_timeout", "rescue_pytest_plugin");

  /** C headers (or header folders, ending in '/') outside libc and the Debian package of each. */
  static final Map<String, String> C_HEADERS = Map.of("openssl/", "libssl-dev", "libxml/", "libxml2-dev",
      "jwt.h", "libjwt-dev", "archive.h", "libarchive-dev", "archive_entry.h", "libarchive-dev",
      "sqlite3.h", "libsqlite3-dev");

  /** Node's own modules: nothing to install. */
  static final Set<String> NODE_BUILTINS = Set.of("fs", "path", "crypto", "child_process", "os", "util", "url",
      "http", "https", "zlib", "stream", "events", "buffer", "assert", "querystring", "readline", "net", "process",
      "string_decoder", "timers", "dns", "tls", "worker_threads", "vm");

  /** The shipped package.json that {@code rescue eval setup} installs with {@code npm ci}. */
  public static final String NODE_PACKAGE_JSON = "/eval/node/package.json";
  public static final String NODE_LOCK = "/eval/node/package-lock.json";

  /**
   * A whole import statement on its line: {@code from X import ...} or {@code import X[ as y][, Z]}.
   * Prose in a docstring ("import the data", "from a list") is not one: the line must end after the
   * module names.
   */
  private static final Pattern PY_IMPORT = Pattern.compile("(?m)^[ \\t]*(?:from[ \\t]+([A-Za-z_][\\w.]*)[ \\t]+import\\b"
      + "|import[ \\t]+([A-Za-z_][\\w.]*(?:[ \\t]+as[ \\t]+\\w+)?(?:[ \\t]*,[ \\t]*[A-Za-z_][\\w.]*(?:[ \\t]+as[ \\t]+\\w+)?)*)"
      + "[ \\t]*(?:#.*)?$)");
  private static final Pattern C_INCLUDE = Pattern.compile("(?m)^\\s*#include\\s*<([^>]+)>");
  private static final Pattern JS_REQUIRE = Pattern.compile("require\\(\\s*['\"]([^'\"./][^'\"]*)['\"]\\s*\\)");
  private static final Pattern GO_IMPORT = Pattern.compile("\"([^\"\\s]+)\"");

  private static volatile Set<String> shippedNpm;

  private Requirements() {}

  public static Requirement tool(String command, String debianPackage) {
    return new Requirement(TOOL, command, debianPackage, null);
  }

  public static Requirement python3() {
    return tool("python3", "python3");
  }

  /** The sandbox's isolation layers; without them samples run less isolated, not skipped. */
  public static List<Requirement> sandbox() {
    return List.of(tool("unshare", "util-linux"), tool("prlimit", "util-linux"), tool("setpriv", "util-linux"));
  }

  public static Requirement pythonModule(String module) {
    if (HARNESS_MODULES.contains(module)) {
      return new Requirement(PYTHON_MODULE, module, null, "the harness's compatibility module");
    }
    return new Requirement(PYTHON_MODULE, module, PYTHON_PACKAGES.get(module), null);
  }

  /** A header outside libc, or null for one the compiler's own packages bring. */
  public static Requirement cHeader(String header) {
    for (var e : C_HEADERS.entrySet()) {
      if (e.getKey().endsWith("/") ? header.startsWith(e.getKey()) : header.equals(e.getKey())) {
        return new Requirement(C_HEADER, header, e.getValue(), null);
      }
    }
    // a header in a subfolder (arpa/, netinet/) is libc's but checked all the same; sys/ is always there
    return header.contains("/") && !header.startsWith("sys/") ? new Requirement(C_HEADER, header, null, null) : null;
  }

  public static Requirement npmPackage(String name) {
    return new Requirement(NPM_PACKAGE, name, null, shippedNpmPackages().contains(name)
        ? "run 'rescue eval setup', or give --node-path" : "not in rescue's package.json: give --node-path");
  }

  public static Requirement oracle(String name) {
    return switch (name) {
      case "codeql" -> new Requirement(ORACLE, "codeql", null, "not packaged by Debian: install the CodeQL CLI by hand");
      default -> new Requirement(ORACLE, name, name, null);
    };
  }

  /** The interpreter or compiler of a language. */
  public static Requirement languageTool(Language language) {
    return switch (language) {
      case PYTHON -> python3();
      case C -> tool("gcc", "gcc");
      case CPP -> tool("g++", "g++");
      case JAVASCRIPT -> tool("node", "nodejs");
      case GO -> tool("go", "golang-go");
      default -> throw new IllegalArgumentException("language '" + language.id() + "' not supported by the harness");
    };
  }

  /** The static analysers a benchmark's security verdict may use (optional: missing ones skip no task). */
  public static List<Requirement> oracles(String kind, Language language) {
    if (!kind.equals("codeguardplus")) return List.of();
    return switch (language) {
      case PYTHON -> List.of(oracle("codeql"), oracle("bandit"));
      case C, CPP -> List.of(oracle("codeql"), oracle("cppcheck"), oracle("flawfinder"));
      default -> List.of();
    };
  }

  /**
   * Everything one task needs, in the order {@code unavailable()} checks it: its language's tool,
   * Python and pytest for the tests, then the modules, headers and packages its files name.
   */
  public static List<Requirement> of(String kind, EvalTask task) {
    List<Requirement> out = new ArrayList<>();
    out.add(languageTool(task.language()));
    if (task.language() != Language.PYTHON) out.add(python3());
    String source = read(task.source());
    String tests = task.testFile() != null && task.testFile().toString().endsWith(".py") ? read(task.testFile()) : "";
    if (kind.equals("cweval")) out.add(pythonModule("pytest"));
    Set<String> local = localModules(task);
    String python = tests + "\n" + (task.tests() == null ? "" : task.tests()) + "\n"
        + (task.language() == Language.PYTHON ? (source.isEmpty() ? task.prompt() : source) : "");
    for (String m : pythonImports(python)) if (!local.contains(m)) out.add(pythonModule(m));
    switch (task.language()) {
      case C, CPP -> {
        for (String h : cIncludes(source)) {
          Requirement r = cHeader(h);
          if (r != null && !out.contains(r)) out.add(r);
        }
      }
      case JAVASCRIPT -> {
        for (String m : jsRequires(source)) if (!NODE_BUILTINS.contains(m)) out.add(npmPackage(m));
      }
      case GO -> {
        for (String imp : goImports(source)) {
          Requirement r = GoModules.requirement(imp);
          if (!GoModules.standard(imp) && !out.contains(r)) out.add(r);
        }
      }
      default -> { }
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** The npm packages in the shipped package.json. */
  public static Set<String> shippedNpmPackages() {
    Set<String> s = shippedNpm;
    if (s == null) {
      try (InputStream in = Requirements.class.getResourceAsStream(NODE_PACKAGE_JSON)) {
        if (in == null) throw new IllegalStateException("resource missing: " + NODE_PACKAGE_JSON);
        JsonNode deps = new ObjectMapper().readTree(in).path("dependencies");
        Set<String> names = new TreeSet<>();
        deps.fieldNames().forEachRemaining(names::add);
        shippedNpm = s = Set.copyOf(names);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return s;
  }

  /**
   * Modules in the test's folder or up to two above it (CodeGuard+'s unit_test/test_utils.py, CWEval's
   * task file): the benchmark's own, not the machine's to provide.
   */
  private static Set<String> localModules(EvalTask task) {
    Set<String> out = new LinkedHashSet<>();
    if (task.testFile() == null) return out;
    Path d = task.testFile().toAbsolutePath().getParent();
    for (int up = 0; up < 3 && d != null; up++, d = d.getParent()) {
      if (!Files.isDirectory(d)) continue;
      try (var s = Files.list(d)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py"))
            .forEach(n -> out.add(n.substring(0, n.length() - 3)));
      } catch (IOException e) {
        // unreadable folder: its modules are then checked like any other
      }
    }
    return out;
  }

  private static final Pattern TEXT_FILE = Pattern.compile(".*\\.(py|c|cpp|js|go|ya?ml)");

  /** A task's source or test file as text; "" for a folder or a data file (the prompt stands in). */
  private static String read(Path file) {
    if (file == null || !Files.isRegularFile(file) || !TEXT_FILE.matcher(file.getFileName().toString()).matches()) {
      return "";
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Set<String> pythonImports(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PY_IMPORT.matcher(text);
    while (m.find()) {
      List<String> names = m.group(1) != null ? List.of(m.group(1)) : List.of(m.group(2).split(","));
      for (String name : names) {
        String mod = name.strip().split("[ \\t]")[0].split("\\.")[0];
        if (!mod.startsWith("cwe_") && !mod.equals("__future__")) out.add(mod);
      }
    }
    return out;
  }

  public static List<String> cIncludes(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = C_INCLUDE.matcher(text);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  public static Set<String> jsRequires(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = JS_REQUIRE.matcher(text);
    while (m.find()) {
      String name = m.group(1).startsWith("node:") ? m.group(1).substring(5) : m.group(1);
      // a scoped package keeps its scope: @scope/name
      String[] parts = name.split("/");
      out.add(name.startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0]);
    }
    return out;
  }

  public static List<String> goImports(String text) {
    List<String> out = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)import\\s*\\((.*?)\\)").matcher(text);
    while (block.find()) {
      Matcher m = GO_IMPORT.matcher(block.group(1));
      while (m.find()) out.add(m.group(1));
    }
    Matcher single = Pattern.compile("(?m)^import\\s+(?:\\w+\\s+)?\"([^\"]+)\"").matcher(text);
    while (single.find()) out.add(single.group(1));
    return out;
  }
}
