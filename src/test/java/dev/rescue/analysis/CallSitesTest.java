package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Call sites: where each call of {@code apiCalls} is, in every language, and the same names as apiCalls. */
class CallSitesTest {
  private static void sameNames(String code, Language lang) {
    List<CallSite> sites = ApiExtractor.apiCallSites(code, lang);
    assertThat(new LinkedHashSet<>(sites.stream().map(CallSite::api).toList()))
        .containsExactlyInAnyOrderElementsOf(ApiExtractor.apiCalls(code, lang));
  }

  @Test
  void pythonCallsAreQualifiedThroughImportsAndPlacedAtTheirLineAndColumn() {
    String code = "from yaml import load\nimport subprocess\n\ndef f(s):\n    x = load(s)\n    subprocess.run(['ls'])\n    return load(x)\n";
    List<CallSite> sites = ApiExtractor.apiCallSites(code, Language.PYTHON);
    assertThat(sites).contains(new CallSite("yaml.load", 5, 9), new CallSite("subprocess.run", 6, 5),
        new CallSite("yaml.load", 7, 12));
    sameNames(code, Language.PYTHON);
  }

  @Test
  void cColumnsCountCharactersNotBytes() {
    String code = "// caf\u00e9\nvoid f(char *d) { /* \u00e9\u00e9 */ strcpy(d, \"x\"); }\n";
    assertThat(ApiExtractor.apiCallSites(code, Language.C)).containsExactly(new CallSite("strcpy", 2, 28));
    sameNames(code, Language.C);
  }

  @Test
  void javaJavaScriptAndGoGiveSitesToo() {
    String java = "class A {\n  void f(String c) throws Exception {\n    Runtime.getRuntime().exec(c);\n  }\n}\n";
    assertThat(ApiExtractor.apiCallSites(java, Language.JAVA)).extracting(CallSite::api, CallSite::line)
        .contains(org.assertj.core.groups.Tuple.tuple("Runtime.exec", 3));
    sameNames(java, Language.JAVA);
    // a lone method parses inside a wrapper class; its first-line columns are still the code's own
    String method = "void f(String c) { Runtime.getRuntime().exec(c); }";
    assertThat(ApiExtractor.apiCallSites(method, Language.JAVA))
        .filteredOn(s -> s.api().equals("Runtime.exec")).extracting(CallSite::column).containsOnly(20);
    String js = "const cp = require('child_process');\nfunction run(c) {\n  cp.exec(c);\n}\n";
    assertThat(ApiExtractor.apiCallSites(js, Language.JAVASCRIPT)).contains(new CallSite("child_process.exec", 3, 3));
    sameNames(js, Language.JAVASCRIPT);
    String go = "package main\n\nimport \"os/exec\"\n\nfunc f(c string) {\n\texec.Command(\"sh\", \"-c\", c).Run()\n}\n";
    assertThat(ApiExtractor.apiCallSites(go, Language.GO)).extracting(CallSite::api, CallSite::line)
        .contains(org.assertj.core.groups.Tuple.tuple("exec.Command", 6));
    sameNames(go, Language.GO);
  }

  @Test
  void noSitesForBlankCodeOrRuby() {
    assertThat(ApiExtractor.apiCallSites("  ", Language.PYTHON)).isEmpty();
    assertThat(ApiExtractor.apiCallSites("puts 1", Language.RUBY)).isEmpty();
  }
}
