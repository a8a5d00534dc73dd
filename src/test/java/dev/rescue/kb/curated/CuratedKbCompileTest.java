package dev.rescue.kb.curated;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Python examples compile with {@code py_compile}; C and C++ examples pass {@code gcc/g++
 * -fsyntax-only} inside the standard headers. One compiler process per language for all examples.
 */
class CuratedKbCompileTest {
  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  // Compiles each named file, printing "path<TAB>message" for each failure; exit status 0 regardless.
  private static final String PY_COMPILE_ALL = String.join("\n",
      "import sys, py_compile, tempfile, os",
      "out = os.path.join(tempfile.mkdtemp(), 'x.pyc')",
      "for f in sys.argv[1:]:",
      "    try:",
      "        py_compile.compile(f, cfile=out, doraise=True)",
      "    except py_compile.PyCompileError as e:",
      "        print(f + '\\t' + ' '.join(str(e.msg).split()))");

  @TestFactory
  Stream<DynamicTest> pythonExamplesPassPyCompile() {
    ExternalTool.PYTHON.require();
    ExampleWorkspace ws = ExampleWorkspace.write(FILES, Set.of(Language.PYTHON));
    List<String> args = new ArrayList<>(List.of("-c", PY_COMPILE_ALL));
    ws.files().forEach(f -> args.add(f.path().toString()));
    ExternalTool.Result r = ExternalTool.PYTHON.run(args, ws.dir());
    assertThat(r.exitCode()).as("python3 py_compile driver failed: %s", r.stderr()).isZero();
    Map<Path, String> errors = new HashMap<>();
    r.stdout().lines().filter(l -> l.contains("\t"))
        .forEach(l -> errors.put(Path.of(l.substring(0, l.indexOf('\t'))), l.substring(l.indexOf('\t') + 1)));
    return ws.files().stream().map(f -> DynamicTest.dynamicTest(f.label(),
        () -> assertThat(errors.get(f.path())).as("%s does not compile", f.label()).isNull()));
  }

  @TestFactory
  Stream<DynamicTest> cExamplesPassGccSyntaxCheck() {
    return syntaxCheck(ExternalTool.GCC, Language.C, List.of("-fsyntax-only", "-std=gnu11", "-w"));
  }

  @TestFactory
  Stream<DynamicTest> cppExamplesPassGxxSyntaxCheck() {
    return syntaxCheck(ExternalTool.GXX, Language.CPP, List.of("-fsyntax-only", "-std=gnu++17", "-w"));
  }

  private static Stream<DynamicTest> syntaxCheck(ExternalTool compiler, Language lang, List<String> flags) {
    compiler.require();
    ExampleWorkspace ws = ExampleWorkspace.write(FILES, Set.of(lang));
    Map<String, Boolean> headerPresent = new LinkedHashMap<>();
    List<ExampleFile> checkable = new ArrayList<>();
    Map<ExampleFile, List<String>> missingHeaders = new HashMap<>();
    for (ExampleFile f : ws.files()) {
      List<String> missing = extraHeaders(f).stream()
          .filter(h -> !headerPresent.computeIfAbsent(h, x -> headerAvailable(compiler, lang, x, ws.dir())))
          .toList();
      if (missing.isEmpty()) checkable.add(f); else missingHeaders.put(f, missing);
    }
    Map<Path, List<String>> errors = new HashMap<>();
    if (!checkable.isEmpty()) {
      // Precompile the fixed headers once; should this fail, gcc silently reads the plain header.
      Path header = ws.dir().resolve(ExampleWorkspace.standardHeader(lang));
      List<String> pch = new ArrayList<>(flags);
      pch.remove("-fsyntax-only");
      pch.addAll(List.of("-x", lang == Language.C ? "c-header" : "c++-header", header.toString(),
          "-o", header + ".gch"));
      compiler.run(pch, ws.dir());
      List<String> args = new ArrayList<>(flags);
      checkable.forEach(f -> args.add(f.path().toString()));
      ExternalTool.Result r = compiler.run(args, ws.dir());
      for (String line : r.stderr().lines().toList()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.contains(" error: ")) {
          ws.byToolPath(line.substring(0, colon)).ifPresent(f ->
              errors.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(line));
        }
      }
    }
    return ws.files().stream().map(f -> DynamicTest.dynamicTest(f.label(), () -> {
      // A third-party header (OpenSSL, say) absent here cannot tell us anything about the example.
      Requires.that(!missingHeaders.containsKey(f),
          f.label() + ": headers not installed on this machine (.ci/run installs them): " + missingHeaders.get(f));
      assertThat(errors.getOrDefault(f.path(), List.of())).as("%s: %s errors", f.label(), compiler.command()).isEmpty();
    }));
  }

  private static List<String> extraHeaders(ExampleFile f) {
    CuratedFile file = FILES.stream().filter(c -> c.fileName().equals(f.curatedFile())).findFirst().orElseThrow();
    return file.entry().examples().get(f.index()).headers();
  }

  private static boolean headerAvailable(ExternalTool compiler, Language lang, String header, Path dir) {
    try {
      Path probe = Files.createTempFile(dir, "probe", lang == Language.C ? ".c" : ".cpp");
      Files.writeString(probe, "#include <" + header + ">\n");
      boolean ok = compiler.run(List.of("-fsyntax-only", probe.toString()), dir).exitCode() == 0;
      Files.delete(probe);
      return ok;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
