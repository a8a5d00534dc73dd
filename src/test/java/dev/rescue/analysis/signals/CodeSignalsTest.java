package dev.rescue.analysis.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class CodeSignalsTest {
  private final CodeSignals signals = CodeSignals.bundled();

  @Test
  void anOrdinaryPrefixInEachLanguageIsQuiet() {
    assertThat(signals.read("from typing import List\n\ndef max_sum(arr: List[int], n: int) -> int:\n"
        + "    \"\"\"Find the maximum sum of a password-free subarray.\"\"\"\n", Language.PYTHON).quiet()).isTrue();
    assertThat(signals.read("#include <stdio.h>\n#include <string.h>\n// count the vowels of a word\n"
        + "int count_vowels(const char* word) {\n", Language.C).quiet()).isTrue();
    assertThat(signals.read("package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n"
        + "func reverseWords(s string) string {\n", Language.GO).quiet()).isTrue();
    assertThat(signals.read("import java.util.*;\n\npublic class Solution {\n  public static int sumDigits(int n) {\n",
        Language.JAVA).quiet()).isTrue();
    assertThat(signals.read("/** Sort the list by its second item. */\nfunction sortBySecond(list) {\n",
        Language.JAVASCRIPT).quiet()).isTrue();
  }

  @Test
  void importsIncludesCallsTextAndIdentifierWordsAreSignals() {
    assertThat(signals.read("import pickle\n\ndef load(blob):\n", Language.PYTHON).signals()).contains("import:pickle");
    assertThat(signals.read("from subprocess import run\n\ndef ping(h):\n    run(['ping', h])\n", Language.PYTHON).signals())
        .contains("import:subprocess", "call:subprocess.run");
    assertThat(signals.read("#include <openssl/aes.h>\nvoid f(char *d, const char *s) {\n  strcpy(d, s);\n", Language.C)
        .signals()).contains("import:openssl", "call:strcpy");
    assertThat(signals.read("package main\n\nimport \"os/exec\"\n\nfunc run(name string) {\n", Language.GO).signals())
        .contains("import:os/exec");
    assertThat(signals.read("const { exec } = require('child_process');\nfunction go(x) {\n", Language.JAVASCRIPT)
        .signals()).contains("import:child_process");
    assertThat(signals.read("import java.sql.Connection;\nclass A {\n  String q = \"SELECT name FROM users WHERE id = \" + id;\n",
        Language.JAVA).signals()).contains("import:java.sql", "text:sql-string");
    assertThat(signals.read("def show():\n    name = request.args.get('name')\n", Language.PYTHON).signals())
        .contains("text:request-object");
    assertThat(signals.read("char* get_target_for_redirect(const char* target, const char* domain) {\n", Language.C)
        .signals()).contains("word:redirect", "word:domain");
  }

  @Test
  void commentsAreProseNotSignals() {
    CodeEvidence e = signals.read("// import pickle; strcpy(dest, src); the user's password\nint add(int a, int b) {\n",
        Language.C);
    assertThat(e.quiet()).as("%s", e.signals()).isTrue();
  }

  @Test
  void noCodeOrAnUnknownLanguageIsNoEvidence() {
    assertThat(signals.read("", Language.PYTHON)).isEqualTo(CodeEvidence.NONE);
    assertThat(signals.read("def f(): pass", null).quiet()).isFalse();
    assertThat(signals.read("def f\nend\n", Language.RUBY).read()).isFalse();
  }

  @Test
  void aBrokenSignalFileIsAnErrorNamingThePlace() {
    String ok = "comments: 'x'\n    strings: 'x'\n    imports_in: 'x'\n    module: 'x'\n";
    assertThatThrownBy(() -> CodeSignals.parse("languages:\n  py:\n    " + ok + "    imports: [pickle]\n    colors: [red]\n", "f.yaml"))
        .hasMessageContaining("f.yaml: languages.py: unknown key 'colors'");
    assertThatThrownBy(() -> CodeSignals.parse("languages:\n  py:\n    " + ok + "    text:\n      sql: '(unclosed'\n", "f.yaml"))
        .hasMessageContaining("f.yaml: languages.py.text.sql: not a regular expression");
    assertThatThrownBy(() -> CodeSignals.parse("languages:\n  cobol:\n    " + ok, "f.yaml"))
        .hasMessageContaining("languages.cobol: not a language id");
    assertThatThrownBy(() -> CodeSignals.parse("languages:\n  py:\n    strings: 'x'\n", "f.yaml"))
        .hasMessageContaining("missing key 'comments'");
    assertThatThrownBy(() -> CodeSignals.parse("languages:\n  py:\n    " + ok + "    calls: [1, 2]\n", "f.yaml"))
        .hasMessageContaining("languages.py.calls: expected a list of strings");
  }
}
