package dev.rescue.kb.curated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every risky and safe API a curated entry lists is a name the language's real front-end produces
 * from code that calls it the way real code does (README, "Spelling API names"): an API the
 * extractor can never name can never match a task's code, and silently weakens the API facet. For
 * each name a few ordinary snippets are tried (with its import, qualified, as a method {@code x.m()}
 * for {@code .m}, as a constructor, decorator or annotation); the name must come out of at least one.
 */
class CuratedKbApiNamesTest {
  private static final List<CuratedFile> FILES = CuratedCorpus.load();

  /**
   * Names a front-end does not produce although real code uses them, kept in the entries on purpose
   * (they document the safe idiom and weigh in the API field's statistics): the Java front-end names
   * calls and constructors, not annotations, declared types or constants. Each must stay
   * unproducible: when the front-end learns it, this list loses it.
   */
  private static final Map<String, String> FRONT_END_GAPS = Map.of(
      "java Valid", "annotation", "java Min", "annotation", "java Max", "annotation",
      "java JsonIgnore", "annotation", "java PreAuthorize", "annotation",
      "java CsrfTokenRepository", "a type, used in declarations",
      "java LinkOption.NOFOLLOW_LINKS", "a constant", "java StandardOpenOption.CREATE_NEW", "a constant");

  @TestFactory
  Stream<DynamicTest> everyListedApiIsANameTheFrontEndProduces() {
    return FILES.stream().filter(f -> f.entry() != null).map(f -> DynamicTest.dynamicTest(f.fileName(), () -> {
      List<String> unproducible = new ArrayList<>();
      for (Map.Entry<String, CuratedEntry.ApiSet> set : f.entry().apis().entrySet()) {
        Language language = Language.fromId(set.getKey()).orElseThrow();
        List<String> names = new ArrayList<>(set.getValue().risky());
        names.addAll(set.getValue().safe());
        for (String name : names) {
          String key = set.getKey() + " " + name;
          if (FRONT_END_GAPS.containsKey(key)) {
            assertThat(produced(name, language)).as("%s: %s is produced now: drop it from FRONT_END_GAPS", f.fileName(), key)
                .isFalse();
          } else if (!produced(name, language)) {
            unproducible.add(key);
          }
        }
      }
      assertThat(unproducible).as("%s: APIs no %s front-end names (spell them as README says)", f.fileName(),
          "language's").isEmpty();
    }));
  }

  @org.junit.jupiter.api.Test
  void namesWrittenAsCodeRatherThanAsTheExtractorNamesThemAreCaught() {
    assertThat(produced("yaml.load()", Language.PYTHON)).isFalse();
    assertThat(produced("subprocess.run(shell=True)", Language.PYTHON)).isFalse();
    assertThat(produced("Runtime.getRuntime().exec", Language.JAVA)).isFalse();
    assertThat(produced("os/exec.Command", Language.GO)).isFalse();
    assertThat(produced("ProcessBuilder", Language.JAVA)).as("a constructor is Type.<init>").isFalse();
    assertThat(produced("https.Agent", Language.JAVASCRIPT)).as("a constructor is Type.<init>").isFalse();
    assertThat(produced("https.Agent.<init>", Language.JAVASCRIPT)).isTrue();
    assertThat(produced("strcpy()", Language.C)).isFalse();
    // and the spellings the README gives are produced
    assertThat(produced("yaml.load", Language.PYTHON)).isTrue();
    assertThat(produced(".prepareStatement", Language.JAVA)).isTrue();
    assertThat(produced("Connection.prepareStatement", Language.JAVA)).isTrue();
    assertThat(produced("child_process.exec", Language.JAVASCRIPT)).isTrue();
    assertThat(produced("exec.Command", Language.GO)).isTrue();
    assertThat(produced("strcpy", Language.C)).isTrue();
    assertThat(produced("std::memcpy", Language.CPP)).isTrue();
  }

  /** Whether one of the snippets calling {@code name} yields exactly {@code name}. */
  static boolean produced(String name, Language language) {
    for (String snippet : snippets(name, language)) {
      if (ApiExtractor.apiCalls(snippet, language).contains(name)) return true;
    }
    return false;
  }

  static List<String> snippets(String name, Language language) {
    return switch (language) {
      case PYTHON -> python(name);
      case JAVA -> java(name);
      case JAVASCRIPT -> javascript(name);
      case GO -> go(name);
      case C, CPP -> cFamily(name);
      default -> List.of();
    };
  }

  private static List<String> python(String name) {
    if (name.startsWith(".")) return List.of("def f(obj, x):\n    return obj" + name + "(x)\n");
    Set<String> out = new LinkedHashSet<>();
    String[] parts = name.split("\\.");
    out.add("def f(x):\n    return " + name + "(x)\n");
    out.add("import " + parts[0] + "\n\ndef f(x):\n    return " + name + "(x)\n");
    out.add("@" + name + "\ndef f(x):\n    return x\n");
    out.add("def f(x):\n    return " + name + "[x]\n");
    for (int i = 1; i < parts.length; i++) {
      String module = String.join(".", List.of(parts).subList(0, i));
      String rest = String.join(".", List.of(parts).subList(i, parts.length));
      out.add("import " + module + "\n\ndef f(x):\n    return " + name + "(x)\n");
      out.add("from " + module + " import " + parts[i] + "\n\ndef f(x):\n    return " + rest + "(x)\n");
      out.add("from " + module + " import " + parts[i] + "\n\n@" + rest + "\ndef f(x):\n    return x\n");
      out.add("from " + module + " import " + parts[i] + "\n\ndef f(x):\n    return " + rest + "[x]\n");
    }
    return List.copyOf(out);
  }

  private static List<String> java(String name) {
    String open = "class A {\n  Object f(Object x) throws Exception {\n";
    String close = "  }\n}\n";
    // a receiver of unknown type (a field, a chained call) gives .m; a declared one gives Type.m
    if (name.startsWith(".")) {
      return List.of(open + "    return this.field" + name + "(x);\n" + close, open + "    return make()" + name + "(x);\n" + close);
    }
    if (name.endsWith(".<init>")) {
      return List.of(open + "    return new " + name.substring(0, name.length() - ".<init>".length()) + "(x);\n" + close);
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      // a bare name in Java is a type: used in an annotation, a declaration or a catch
      return List.of("class A {\n  @" + name + "\n  Object f(@" + name + " Object x) { return x; }\n}\n",
          open + "    " + name + " v = make();\n    return v;\n" + close,
          open + "    try { return x; } catch (" + name + " e) { return null; }\n" + close);
    }
    String type = name.substring(0, dot);
    String member = name.substring(dot + 1);
    if (member.equals(member.toUpperCase(java.util.Locale.ROOT))) {
      return List.of(open + "    return Files.exists(p, " + name + ");\n" + close); // a constant
    }
    return List.of(open + "    return " + name + "(x);\n" + close,
        open + "    " + type + " v = make();\n    return v." + member + "(x);\n" + close,
        "class A {\n  Object f(" + type + " v, Object x) throws Exception {\n    return v." + member + "(x);\n" + close);
  }

  /** Globals JavaScript code calls without {@code new}. */
  private static final Set<String> JS_CALLABLE = Set.of("Number", "String", "Boolean", "Object", "Array", "Symbol",
      "BigInt", "Function", "RegExp", "Error");

  private static List<String> javascript(String name) {
    if (name.startsWith(".")) return List.of("function f(obj, x) {\n  return obj" + name + "(x);\n}\n");
    Set<String> out = new LinkedHashSet<>();
    if (name.endsWith(".<init>")) {
      String type = name.substring(0, name.length() - ".<init>".length());
      out.add("function f(x) {\n  return new " + type + "(x);\n}\n");
      int dot = type.lastIndexOf('.');
      if (dot > 0) {
        String module = type.substring(0, dot);
        String cls = type.substring(dot + 1);
        out.add("const { " + cls + " } = require(\"" + module + "\");\nfunction f(x) {\n  return new " + cls + "(x);\n}\n");
        out.add("const m = require(\"" + module + "\");\nfunction f(x) {\n  return new m." + cls + "(x);\n}\n");
      }
      return List.copyOf(out);
    }
    int dot = name.indexOf('.');
    // a class (URL, https.Agent) is constructed with new, which names it Type.<init>: calling it is no real code
    String member = name.substring(name.lastIndexOf('.') + 1);
    boolean type = Character.isUpperCase(member.charAt(0)) && !member.equals(member.toUpperCase(java.util.Locale.ROOT));
    boolean callable = !type || JS_CALLABLE.contains(name);
    if (callable) out.add("function f(x) {\n  return " + name + "(x);\n}\n");
    out.add("function f(x) {\n  return <div " + name + "={{ __html: x }} />;\n}\n");
    if (name.matches("[a-z0-9@/_-]+")) {
      // a package that is itself a function: csurf(), multer(), pino()
      String variable = name.replaceAll("[^A-Za-z0-9_$]", "_");
      out.add("const " + variable + " = require(\"" + name + "\");\nfunction f(x) {\n  return " + variable + "(x);\n}\n");
    }
    if (dot > 0 && callable) {
      String module = name.substring(0, dot);
      String rest = name.substring(dot + 1);
      String variable = module.replaceAll("[^A-Za-z0-9_$]", "_");
      out.add("const " + variable + " = require(\"" + module + "\");\nfunction f(x) {\n  return " + variable + "." + rest
          + "(x);\n}\n");
      out.add("import " + variable + " from \"" + module + "\";\nfunction f(x) {\n  return " + variable + "." + rest
          + "(x);\n}\n");
      int last = name.lastIndexOf('.');
      if (last > dot) {
        // a member of a module's namespace: const { lookup } = require("dns").promises
        out.add("const { " + name.substring(last + 1) + " } = require(\"" + module + "\")." + name.substring(dot + 1, last)
            + ";\nfunction f(x) {\n  return " + name.substring(last + 1) + "(x);\n}\n");
      }
      if (!rest.contains(".")) {
        out.add("const { " + rest + " } = require(\"" + module + "\");\nfunction f(x) {\n  return " + rest + "(x);\n}\n");
        out.add("import { " + rest + " } from \"" + module + "\";\nfunction f(x) {\n  return " + rest + "(x);\n}\n");
      }
    }
    return List.copyOf(out);
  }

  private static List<String> go(String name) {
    if (name.startsWith(".")) return List.of("func f(v *T, x string) {\n\tv" + name + "(x)\n}\n");
    int dot = name.indexOf('.');
    if (dot < 0) return List.of("func f(x string) {\n\t" + name + "(x)\n}\n");
    String pkg = name.substring(0, dot);
    List<String> bodies = List.of("func f(x string) {\n\t" + name + "(x)\n}\n",
        "func f(x string) {\n\t_ = " + name + "{}\n}\n",
        "func f(x string) {\n\tvar v " + name + "\n\t_ = v\n}\n");
    List<String> out = new ArrayList<>(bodies);
    for (String b : bodies) out.add("package main\n\nimport \"example.com/" + pkg + "\"\n\n" + b);
    return out;
  }

  private static List<String> cFamily(String name) {
    if (name.startsWith(".")) return List.of("void f(T v, int x) {\n  v" + name + "(x);\n}\n");
    return List.of("void f(char *x) {\n  " + name + "(x);\n}\n",
        "void f(char *x) {\n  auto v = " + name + "<int>(x);\n}\n",
        "void f(char *x) {\n  " + name + "<int> v;\n}\n",
        "void f(char *x) {\n  " + name + " v;\n}\n",
        "int f(char *x) {\n  return " + name + "<int>::max();\n}\n");
  }
}
