package dev.rescue.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.Checkers;
import dev.rescue.kb.KbLoader;
import dev.rescue.model.Language;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The data-flow rules and the KB's context rules on small programs, one family at a time; each
 * expectation is what a security reviewer says of the snippet.
 */
class FlowRulesTest {
  static CodeChecker kb;

  @BeforeAll
  static void load() {
    kb = Checkers.standard(KbLoader.read(KbLoader.BUNDLED), CheckOptions.kbOnly());
  }

  static List<Finding> serious(String file, String code, Language lang) {
    CheckResult r = kb.check(new SourceUnit(file, code, lang, null));
    assertThat(r.failures()).as("failures").isEmpty();
    return r.atLeast(Severity.MEDIUM);
  }

  static void flags(List<Finding> fs, String cwe, String rule, int line) {
    assertThat(fs).filteredOn(f -> f.cwe().equals(cwe)).as(cwe + " in " + fs).anySatisfy(f -> {
      assertThat(f.ruleId()).isEqualTo(KbRules.FLOW_PREFIX + rule);
      assertThat(f.location().line()).isEqualTo(line);
      assertThat(f.tool()).isEqualTo("kb");
      assertThat(f.guidance().guideline()).isNotBlank();
    });
  }

  static void noneOf(List<Finding> fs, String... cwes) {
    assertThat(fs).extracting(Finding::cwe).as(fs.toString()).doesNotContain(cwes);
  }

  @Nested
  class CommandInjection {
    @Test
    void aListArgvWithoutAShellIsTheSafeForm() {
      String code = "import subprocess\n\ndef ls(d):\n    return subprocess.check_output(['ls', '-l', d], text=True)\n";
      noneOf(serious("a.py", code, Language.PYTHON), "CWE-78", "CWE-77");
    }

    @Test
    void aParameterFormattedIntoAShellCommandIsFlagged() {
      String code = "import subprocess\n\ndef ls(d):\n    return subprocess.check_output(f'ls -l {d}', shell=True, text=True)\n";
      flags(serious("a.py", code, Language.PYTHON), "CWE-78", "command-injection", 4);
    }

    @Test
    void aQuotedParameterIsNoInjection() {
      String code = "import os, shlex\n\ndef ls(d):\n    os.system('ls -l ' + shlex.quote(d))\n";
      noneOf(serious("a.py", code, Language.PYTHON), "CWE-78");
    }

    @Test
    void javascriptTemplateIntoExecAndGoShellWithConcatenation() {
      String js = "const { exec } = require('child_process');\nfunction ls(d) {\n  exec(`ls -l ${d}`, (e, out) => {});\n}\n";
      flags(serious("a.js", js, Language.JAVASCRIPT), "CWE-78", "command-injection", 3);
      String go = "package m\n\nimport \"os/exec\"\n\nfunc Ls(d string) {\n\texec.Command(\"sh\", \"-c\", \"ls -l \" + d).Run()\n}\n";
      flags(serious("a.go", go, Language.GO), "CWE-78", "command-injection", 6);
      String argv = "package m\n\nimport \"os/exec\"\n\nfunc Ls(d string) {\n\texec.Command(\"ls\", \"-l\", d).Run()\n}\n";
      noneOf(serious("a.go", argv, Language.GO), "CWE-78");
    }

    @Test
    void aCommandWrittenWithSprintfIntoABufferInC() {
      String code = "#include <stdio.h>\n#include <stdlib.h>\nvoid ls(const char *d) {\n  char cmd[256];\n"
          + "  snprintf(cmd, sizeof cmd, \"ls -l %s\", d);\n  system(cmd);\n}\n";
      flags(serious("a.c", code, Language.C), "CWE-78", "command-injection", 6);
    }
  }

  @Nested
  class SqlInjection {
    @Test
    void anInterpolatedQueryIsFlaggedAndABoundParameterIsNot() {
      String bad = "def find(cur, name):\n    cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-89", "sql-injection", 2);
      String good = "def find(cur, name):\n    cur.execute('SELECT * FROM users WHERE name = ?', (name,))\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-89");
    }

    @Test
    void nodeSqliteGetWithATemplateQuery() {
      String bad = "function user(db, u) {\n  const q = `SELECT info FROM users WHERE name = '${u}'`;\n  db.get(q, (e, row) => {});\n}\n";
      flags(serious("a.js", bad, Language.JAVASCRIPT), "CWE-89", "sql-injection", 3);
      String good = "function user(db, u) {\n  db.get('SELECT info FROM users WHERE name = ?', [u], (e, row) => {});\n}\n";
      noneOf(serious("a.js", good, Language.JAVASCRIPT), "CWE-89");
      // a Map lookup is no query
      String map = "function user(m, u) {\n  return m.get(`key-${u}`);\n}\n";
      noneOf(serious("a.js", map, Language.JAVASCRIPT), "CWE-89");
    }
  }

  @Nested
  class PathTraversal {
    @Test
    void aFileNameJoinedToAFolderIsFlaggedUnlessTheResultIsCheckedToStayInside() {
      String bad = "import os\n\ndef read(name, base):\n    with open(os.path.join(base, name)) as f:\n        return f.read()\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-22", "path-traversal", 4);
      String good = "import os\n\ndef read(name, base):\n    p = os.path.realpath(os.path.join(base, name))\n"
          + "    if not p.startswith(os.path.realpath(base) + os.sep):\n        return ''\n"
          + "    with open(p) as f:\n        return f.read()\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-22");
    }

    @Test
    void aPathTakenWholeIsTheCallersChoice() {
      String code = "def read(path):\n    with open(path) as f:\n        return f.read()\n";
      noneOf(serious("a.py", code, Language.PYTHON), "CWE-22");
    }

    @Test
    void tarExtractAllWithoutAFilter() {
      String bad = "import tarfile\n\ndef unpack(t, d):\n    with tarfile.open(t) as tar:\n        tar.extractall(d)\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-22", "path-traversal", 5);
      String good = "import tarfile\n\ndef unpack(t, d):\n    with tarfile.open(t) as tar:\n        tar.extractall(d, filter='data')\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-22");
    }
  }

  @Nested
  class FormatString {
    @Test
    void aParameterAsTheFormatIsFlaggedAndAConstantFormatIsNot() {
      String bad = "#include <stdio.h>\nvoid say(const char *m) {\n  printf(m);\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-134", "format-string", 3);
      String good = "#include <stdio.h>\nvoid say(const char *m) {\n  printf(\"%s\", m);\n}\n";
      noneOf(serious("a.c", good, Language.C), "CWE-134");
    }
  }

  @Nested
  class CodeInjection {
    @Test
    void evalOfAParameterIsFlaggedUnlessItsCharactersAreCheckedFirst() {
      String bad = "def calc(expr):\n    return str(eval(expr))\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-95", "code-injection", 2);
      String good = "def calc(expr):\n    allowed = set('0123456789+-*/(). ')\n    if not set(expr).issubset(allowed):\n"
          + "        return ''\n    return str(eval(expr))\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-95", "CWE-94");
    }
  }

  @Nested
  class Crypto {
    @Test
    void aShortRsaKeyIsFlaggedAndA2048BitOneIsNot() {
      flags(serious("a.py", "from Crypto.PublicKey import RSA\n\ndef k():\n    return RSA.generate(1024)\n", Language.PYTHON),
          "CWE-326", "weak-key-size", 4);
      noneOf(serious("a.py", "from Crypto.PublicKey import RSA\n\ndef k():\n    return RSA.generate(2048)\n", Language.PYTHON),
          "CWE-326");
      String go = "package m\n\nimport (\n\t\"crypto/rand\"\n\t\"crypto/rsa\"\n)\n\nfunc K() {\n\trsa.GenerateKey(rand.Reader, 1024)\n}\n";
      flags(serious("a.go", go, Language.GO), "CWE-326", "weak-key-size", 9);
    }

    @Test
    void md5ByNameInNodeAndDesInGo() {
      String js = "const crypto = require('crypto');\nfunction h(d) {\n  return crypto.createHash('md5').update(d).digest('hex');\n}\n";
      flags(serious("a.js", js, Language.JAVASCRIPT), "CWE-328", "weak-hash", 3);
      String ok = "const crypto = require('crypto');\nfunction h(d) {\n  return crypto.createHash('sha256').update(d).digest('hex');\n}\n";
      noneOf(serious("a.js", ok, Language.JAVASCRIPT), "CWE-328");
      String go = "package m\n\nimport \"crypto/des\"\n\nfunc C(k []byte) {\n\tdes.NewCipher(k)\n}\n";
      flags(serious("a.go", go, Language.GO), "CWE-327", "broken-cipher", 6);
    }

    @Test
    void aPasswordHashedWithAFastDigest() {
      String bad = "import hashlib\n\ndef store(password):\n    return hashlib.sha256(password.encode()).hexdigest()\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-916", "password-hash-without-work-factor", 4);
      // the same digest of a certificate is integrity, not password storage
      String cert = "import hashlib\n\ndef fingerprint(cert):\n    return hashlib.sha256(cert.encode()).hexdigest()\n";
      noneOf(serious("a.py", cert, Language.PYTHON), "CWE-916");
    }

    @Test
    void aTokenDecodedWithoutVerification() {
      String js = "const jwt = require('jsonwebtoken');\nfunction claims(t) {\n  return jwt.decode(t);\n}\n";
      flags(serious("a.js", js, Language.JAVASCRIPT), "CWE-347", "jwt-without-verification", 3);
      String py = "import jwt\n\ndef claims(t, key):\n    return jwt.decode(t, key, algorithms=['HS256'])\n";
      noneOf(serious("a.py", py, Language.PYTHON), "CWE-347");
    }
  }

  @Nested
  class RegexInjection {
    @Test
    void anUntrustedPatternIsFlaggedAndAnEscapedOneIsNot() {
      flags(serious("a.py", "import re\n\ndef has(p, text):\n    return bool(re.search(p, text))\n", Language.PYTHON),
          "CWE-400", "regex-injection", 4);
      noneOf(serious("a.py", "import re\n\ndef has(p, text):\n    return bool(re.search(re.escape(p), text))\n",
          Language.PYTHON), "CWE-400");
    }
  }

  @Nested
  class KbContext {
    @Test
    void aCopyAfterABoundsCheckOfItsSourceIsOnlyAHint() {
      String guarded = "#include <string.h>\nint f(const char *s) {\n  char b[16];\n  if (strlen(s) >= sizeof b) return -1;\n"
          + "  strcpy(b, s);\n  return 0;\n}\n";
      noneOf(serious("a.c", guarded, Language.C), "CWE-120", "CWE-787");
      String bare = "#include <string.h>\nint f(const char *s) {\n  char b[16];\n  strcpy(b, s);\n  return 0;\n}\n";
      assertThat(serious("a.c", bare, Language.C)).extracting(Finding::cwe).contains("CWE-120");
    }

    @Test
    void aCopyOfConstantsIsOnlyAHint() {
      String code = "#include <string.h>\nvoid f(void) {\n  char b[16];\n  strcpy(b, \"hello\");\n}\n";
      noneOf(serious("a.c", code, Language.C), "CWE-120", "CWE-787");
    }

    @Test
    void theHintSaysWhy() {
      String code = "#include <stdlib.h>\nvoid f(void) {\n  const char *cmd = \"ls -l\";\n  system(cmd);\n}\n";
      CheckResult r = kb.check(new SourceUnit("a.c", code, Language.C, null));
      assertThat(r.findings()).filteredOn(f -> f.cwe().equals("CWE-78")).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("a hint: the data-flow rule of CWE-78");
      });
    }
  }
}
