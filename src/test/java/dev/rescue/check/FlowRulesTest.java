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
    void theInvokingUsersOwnCommandLineAndEnvironmentAreNoUntrustedSource() {
      // local sources (command line, environment, stdin) are the user's own, as in CodeQL's default threat
      // model; a request's data is not
      String local = "import os, sys\n\nos.system('ls -l ' + sys.argv[1] + os.environ['HOME'])\n";
      noneOf(serious("a.py", local, Language.PYTHON), "CWE-78", "CWE-77");
      String remote = "import os\nfrom flask import request\n\nos.system('ls -l ' + request.args['d'])\n";
      flags(serious("a.py", remote, Language.PYTHON), "CWE-78", "command-injection", 4);
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
  class RequestForgery {
    @Test
    void aUrlWhoseConstantStartNamesItsHostStaysOnIt() {
      String host = "import requests\n\ndef page(user, i):\n    return requests.get('https://codeforces.com/submissions/' + user + '/page/' + str(i))\n";
      noneOf(serious("a.py", host, Language.PYTHON), "CWE-918");
      String through = "import requests\n\ndef page(user):\n    url = 'https://api.example.com/u/{}'.format(user)\n    return requests.get(url)\n";
      noneOf(serious("a.py", through, Language.PYTHON), "CWE-918");
      // data before the host's end chooses the host
      String sub = "import requests\n\ndef page(bucket):\n    return requests.get('http://%s.s3.amazonaws.com/x' % bucket)\n";
      flags(serious("a.py", sub, Language.PYTHON), "CWE-918", "server-side-request-forgery", 4);
      String scheme = "import requests\n\ndef page(host):\n    return requests.get('https://' + host + '/status')\n";
      flags(serious("a.py", scheme, Language.PYTHON), "CWE-918", "server-side-request-forgery", 4);
      String go = "package m\n\nimport \"net/http\"\n\nfunc Get(id string) {\n\thttp.Get(\"https://api.example.com/items/\" + id)\n}\n";
      noneOf(serious("a.go", go, Language.GO), "CWE-918");
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
    void safeJoinKeepsThePathInsideItsBase() {
      String bad = "import os\nfrom flask import send_file\n\ndef get(job, name):\n    base = f'/srv/jobs/{job}'\n"
          + "    return send_file(os.path.join(base, name))\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-22", "path-traversal", 6);
      String good = "from flask import send_file\nfrom werkzeug.utils import safe_join\n\ndef get(job, name):\n"
          + "    base = f'/srv/jobs/{job}'\n    return send_file(safe_join(base, name))\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-22");
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

    @Test
    void pythonsFormatStringIsTheStringFormatIsCalledOn() {
      // data formatted into a constant is no format-string weakness, whatever the data
      String constant = "def greet(name):\n    return 'Hello, {}!'.format(name)\n";
      noneOf(serious("a.py", constant, Language.PYTHON), "CWE-134");
      // a format string from the caller reads attributes of the arguments ("{0.__init__.__globals__}")
      String caller = "def render(template, user):\n    return template.format(user=user)\n";
      flags(serious("a.py", caller, Language.PYTHON), "CWE-134", "format-string", 2);
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
  class Returns {
    @Test
    void aLogLineWithTheMessageAsItCameIsFlaggedAndOneWithoutLineBreaksIsNot() {
      String bad = "import datetime\n\ndef receive_log(msg):\n    return f'[{datetime.datetime.now()}] Received: {msg}'\n";
      flags(serious("a.py", bad, Language.PYTHON), "CWE-117", "log-injection", 4);
      String good = "import datetime\n\ndef receive_log(msg):\n    msg = msg.replace('\\n', ' ').replace('\\r', ' ')\n"
          + "    return f'[{datetime.datetime.now()}] Received: {msg}'\n";
      noneOf(serious("a.py", good, Language.PYTHON), "CWE-117");
      // the same string from a function that says it makes no log line is no log injection
      String other = "def greeting(name):\n    return f'Hello, {name}'\n";
      noneOf(serious("a.py", other, Language.PYTHON), "CWE-117");
    }

    @Test
    void aCxxStreamLogLineAndACLogLineWrittenWithSnprintf() {
      String cpp = "#include <sstream>\n#include <string>\n// Make a log entry for a received message.\n"
          + "std::string make_entry(const std::string &msg) {\n  std::ostringstream out;\n  out << \"Received: \" << msg;\n"
          + "  return out.str();\n}\n";
      flags(serious("a.cpp", cpp, Language.CPP), "CWE-117", "log-injection", 7);
      String c = "#include <stdio.h>\n#include <stdlib.h>\nchar *receive_log(const char *msg) {\n  char *e = malloc(300);\n"
          + "  if (!e) return NULL;\n  snprintf(e, 300, \"Received: %s\", msg);\n  return e;\n}\n";
      flags(serious("a.c", c, Language.C), "CWE-117", "log-injection", 7);
    }

    @Test
    void aUrlOfTwoUntrustedPartsIsFlaggedUnlessTheSecondIsValidated() {
      String bad = "function getUrl(domain, sub) {\n  return `https://${sub}.${domain}`;\n}\n";
      flags(serious("a.js", bad, Language.JAVASCRIPT), "CWE-918", "url-built-from-untrusted-data", 2);
      String checked = "function getUrl(domain, sub) {\n  if (!/^[a-z0-9]+$/.test(sub)) return `https://${domain}`;\n"
          + "  return `https://${sub}.${domain}`;\n}\n";
      noneOf(serious("a.js", checked, Language.JAVASCRIPT), "CWE-918");
      // one caller-chosen part after a constant scheme is the caller's choice as a whole
      String whole = "def get_url(domain):\n    return f'https://{domain}'\n";
      noneOf(serious("a.py", whole, Language.PYTHON), "CWE-918");
    }

    @Test
    void cAndCppRegexMatchersValidateAPart() {
      // C's POSIX regexec and C++'s std::regex_match are those languages' pattern validation
      String c = "#include <regex.h>\n#include <stdio.h>\nstatic char url[256];\n"
          + "char *get_url(const char *domain, const char *sub) {\n  regex_t re;\n"
          + "  regcomp(&re, \"^[a-z0-9]+$\", REG_EXTENDED);\n"
          + "  if (regexec(&re, sub, 0, NULL, 0) != 0) return NULL;\n"
          + "  snprintf(url, sizeof url, \"https://%s.%s\", sub, domain);\n  return url;\n}\n";
      noneOf(serious("a.c", c, Language.C), "CWE-918");
      String unchecked = c.replace("  if (regexec(&re, sub, 0, NULL, 0) != 0) return NULL;\n", "");
      flags(serious("a.c", unchecked, Language.C), "CWE-918", "url-built-from-untrusted-data", 8);
      String cpp = "#include <regex>\n#include <string>\n"
          + "std::string get_url(const std::string &domain, const std::string &sub) {\n"
          + "  if (!std::regex_match(sub, std::regex(\"[a-z0-9]+\"))) return \"\";\n"
          + "  return \"https://\" + sub + \".\" + domain;\n}\n";
      noneOf(serious("a.cpp", cpp, Language.CPP), "CWE-918");
    }

    @Test
    void aValidatorThatCannotFailGuardsNothing() {
      String go = "package m\n\nimport \"fmt\"\n\nfunc GetURL(api, id string) string {\n\tif !isValid(id) {\n\t\treturn \"\"\n\t}\n"
          + "\treturn fmt.Sprintf(\"%s/%s\", api, id)\n}\n\nfunc isValid(id string) bool {\n\treturn true\n}\n";
      flags(serious("a.go", go, Language.GO), "CWE-918", "url-built-from-untrusted-data", 9);
    }

    @Test
    void htmlFromAParameterIsFlaggedUnlessEscaped() {
      String bad = "#include <string>\n// Renders the user's name as HTML.\nstd::string welcome(const std::string &name) {\n"
          + "  return \"<b>\" + name + \"</b>\";\n}\n";
      flags(serious("a.cpp", bad, Language.CPP), "CWE-79", "html-built-from-untrusted-data", 4);
      String good = "#include <string>\nstd::string html_escape(const std::string &s);\n// Renders the user's name as HTML.\n"
          + "std::string welcome(const std::string &name) {\n  std::string e = html_escape(name);\n  return \"<b>\" + e + \"</b>\";\n}\n";
      noneOf(serious("a.cpp", good, Language.CPP), "CWE-79");
    }
  }

  @Nested
  class Memory {
    @Test
    void anUntrustedIndexIsFlaggedUnlessComparedWithTheSize() {
      String bad = "#include <stdlib.h>\nint at(int *a, int n, const char *s) {\n  int i = atoi(s);\n  return a[i];\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-125", "out-of-bounds-index", 4);
      String good = "#include <stdlib.h>\nint at(int *a, int n, const char *s) {\n  int i = atoi(s);\n"
          + "  if (i < 0 || i >= n) return -1;\n  return a[i];\n}\n";
      noneOf(serious("a.c", good, Language.C), "CWE-125", "CWE-129", "CWE-190");
    }

    @Test
    void aMeasuredLengthLessOneIndexesOnlyAfterAComparison() {
      String bad = "#include <string.h>\nvoid trim(char *s) {\n  int n = strlen(s);\n  while (s[n - 1] == ' ') {\n"
          + "    s[n - 1] = 0;\n    n--;\n  }\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-787", "out-of-bounds-write", 5);
      String good = bad.replace("while (s[n - 1]", "while (n > 0 && s[n - 1]");
      noneOf(serious("a.c", good, Language.C), "CWE-787", "CWE-125");
      // a measured index without subtraction is sized for
      String end = "#include <string.h>\nvoid end(char *d, const char *s) {\n  d[strlen(s)] = 0;\n}\n";
      noneOf(serious("a.c", end, Language.C), "CWE-787");
    }

    @Test
    void aLengthComparedWithZeroHasALastElement() {
      String bad = "#include <stdlib.h>\nvoid last(char *b, size_t n) {\n  b[n - 1] = 0;\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-787", "out-of-bounds-write", 3);
      String good = "#include <stdlib.h>\nvoid last(char *b, size_t n) {\n  if (n != 0)\n    b[n - 1] = 0;\n}\n";
      noneOf(serious("a.c", good, Language.C), "CWE-787");
    }

    @Test
    void anIndexMaskedOrCappedByAConstantStaysInItsRange() {
      String bad = "int look(const int *t, int op) {\n  return t[op >> 4];\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-125", "out-of-bounds-index", 2);
      noneOf(serious("a.c", bad.replace("t[op >> 4]", "t[(op >> 4) & 0x0F]"), Language.C), "CWE-125");
      noneOf(serious("a.c", bad.replace("t[op >> 4]", "t[op % 16]"), Language.C), "CWE-125");
      noneOf(serious("a.c", bad.replace("t[op >> 4]", "t[MIN(op, 15)]"), Language.C), "CWE-125");
      // through a variable every write of which is masked (or constant)
      String masked = "int look(const int *t, int n) {\n  int k;\n  if (n > 3) k = (n & 1) + 1;\n  else k = 0;\n  return t[k];\n}\n";
      noneOf(serious("a.c", masked, Language.C), "CWE-125");
      // reduced by the caller's modulus it is not
      flags(serious("a.c", bad.replace("t[op >> 4]", "t[op % m]").replace("int op)", "int op, int m)"), Language.C),
          "CWE-125", "out-of-bounds-index", 2);
    }

    @Test
    void anAssertedBoundOrAnIndexTestedForTheErrorValueIsChecked() {
      String bare = "int at(const int *a, unsigned i, unsigned n) {\n  return a[i];\n}\n";
      flags(serious("a.c", bare, Language.C), "CWE-125", "out-of-bounds-index", 2);
      // assert() states the bound as a condition does (and as Python's assert statement does)
      noneOf(serious("a.c", bare.replace("  return a[i];", "  assert(i < n);\n  return a[i];"), Language.C), "CWE-125");
      // an index a lookup returned, tested for its -1 of "not found"
      String found = "int find(const int *a, int v);\nint at(const int *a, int v) {\n  int k = find(a, v);\n"
          + "  if (k == -1) return 0;\n  return a[k];\n}\n";
      noneOf(serious("a.c", found, Language.C), "CWE-125");
      flags(serious("a.c", found.replace("  if (k == -1) return 0;\n", ""), Language.C), "CWE-125", "out-of-bounds-index", 4);
    }

    @Test
    void anAddressTakenThroughAnIndexReadsNothing() {
      // &p[off] is an address: what reads through it is the call it is passed to, judged as a call
      String address = "#include <string.h>\nvoid take(char *dst, const char *p, int off) {\n  const char *at = &p[off];\n"
          + "  dst[0] = *at;\n}\n";
      noneOf(serious("a.c", address, Language.C), "CWE-125");
      String read = "#include <string.h>\nvoid take(char *dst, const char *p, int off) {\n  char c = p[off];\n  dst[0] = c;\n}\n";
      flags(serious("a.c", read, Language.C), "CWE-125", "out-of-bounds-index", 3);
    }

    @Test
    void aStructuresOwnCountIndexesItsOwnArray() {
      String own = "struct v { char *str; unsigned len; };\nvoid end(struct v *b) {\n  b->str[b->len] = 0;\n}\n";
      noneOf(serious("a.c", own, Language.C), "CWE-787");
      // another object's count, or a count read out of the array itself, is no such count
      String other = "struct v { char *str; unsigned len; };\nvoid end(struct v *b, struct v *c) {\n  b->str[c->len] = 0;\n}\n";
      flags(serious("a.c", other, Language.C), "CWE-787", "out-of-bounds-write", 3);
      String inner = "struct v { char *str; unsigned len; };\nvoid end(struct v *b) {\n  b->str[b->str[0]] = 0;\n}\n";
      flags(serious("a.c", inner, Language.C), "CWE-787", "out-of-bounds-write", 3);
    }

    @Test
    void aBufferAllocatedWithRoomPastTheIndex() {
      String good = "#include <stdlib.h>\n#include <string.h>\nchar *dup(const char *s, size_t n) {\n  char *p = malloc(n + 1);\n"
          + "  if (!p) return NULL;\n  memcpy(p, s, n);\n  p[n] = 0;\n  return p;\n}\n";
      noneOf(serious("a.c", good, Language.C), "CWE-787");
      // n bytes have no p[n]: the off-by-one stays a finding
      String bad = good.replace("malloc(n + 1)", "malloc(n)");
      flags(serious("a.c", bad, Language.C), "CWE-787", "out-of-bounds-write", 7);
    }

    @Test
    void anAllocationOfACallersSizeUsedWithoutANullCheck() {
      String bad = "#include <stdlib.h>\n#include <string.h>\nchar *fill(size_t n) {\n  char *b = malloc(n);\n"
          + "  memset(b, 'A', 10);\n  return b;\n}\n";
      flags(serious("a.c", bad, Language.C), "CWE-476", "unchecked-allocation", 4);
      String good = bad.replace("  memset", "  if (b == NULL) return NULL;\n  memset");
      noneOf(serious("a.c", good, Language.C), "CWE-476");
      // only returned: the caller's to check
      String handed = "#include <stdlib.h>\nchar *get(size_t n) {\n  char *b = malloc(n);\n  return b;\n}\n";
      noneOf(serious("a.c", handed, Language.C), "CWE-476");
    }

    @Test
    void theEntryPointsCommandLineIsTheUsersOwn() {
      String code = "#include <stdlib.h>\nint main(int argc, char **argv) {\n  int n = atoi(argv[1]);\n  char *b = malloc(n);\n"
          + "  b[n - 1] = 0;\n  return 0;\n}\n";
      noneOf(serious("a.c", code, Language.C), "CWE-476", "CWE-787", "CWE-190", "CWE-20", "CWE-676", "CWE-681");
    }
  }

  @Nested
  class Conversions {
    @Test
    void atoiIsAHintUnlessItsNumberSizesMemory() {
      String printed = "#include <stdio.h>\n#include <stdlib.h>\nvoid show(const char *s) {\n  int v = atoi(s);\n  printf(\"%d\", v + 1);\n}\n";
      noneOf(serious("a.c", printed, Language.C), "CWE-20", "CWE-676", "CWE-681", "CWE-190");
      String sized = "#include <stdlib.h>\n#include <string.h>\nchar *buf(const char *s) {\n  int n = atoi(s);\n"
          + "  char *b = malloc(n);\n  if (!b) return 0;\n  memset(b, 0, n);\n  return b;\n}\n";
      assertThat(serious("a.c", sized, Language.C)).filteredOn(f -> f.location().line() == 4).singleElement().satisfies(f -> {
        assertThat(f.cwe()).isEqualTo("CWE-190");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("a size");
        assertThat(f.guidance().guideline()).isNotBlank();
      });
      String bounded = sized.replace("  char *b", "  if (n <= 0 || n > 4096) return 0;\n  char *b");
      noneOf(serious("a.c", bounded, Language.C), "CWE-190", "CWE-20");
    }
  }

  @Nested
  class Assignments {
    @Test
    void aHeaderWrittenFromAParameterIsFlaggedUnlessItsLineBreaksAreRemoved() {
      String bad = "package m\n\nfunc Store(v string, header map[string]string) {\n\theader[\"Cache-Control\"] = v\n}\n";
      flags(serious("a.go", bad, Language.GO), "CWE-113", "header-injection", 4);
      String good = "package m\n\nimport \"strings\"\n\nfunc Store(v string, header map[string]string) {\n"
          + "\tv = strings.ReplaceAll(v, \"\\n\", \"\")\n\theader[\"Cache-Control\"] = v\n}\n";
      noneOf(serious("a.go", good, Language.GO), "CWE-113");
    }

    @Test
    void aCStructMemberNamedHeaderIsNoHttpHeader() {
      // a struct's members are named when it is compiled: a file format's header, not a header map keyed at run time
      String c = "struct hdr { int FileId; };\nstruct hdr Header;\nvoid read_hdr(const unsigned char *p) {\n  Header.FileId = p[0];\n}\n";
      noneOf(serious("a.c", c, Language.C), "CWE-113");
      String map = "#include <map>\n#include <string>\nvoid store(std::map<std::string, std::string> &header, const std::string &v) {\n"
          + "  header[\"Cache-Control\"] = v;\n}\n";
      flags(serious("a.cpp", map, Language.CPP), "CWE-113", "header-injection", 4);
    }

    @Test
    void aConstantIvOrSaltIsFlaggedAndARandomOneIsNot() {
      String go = "package m\n\nfunc E() []byte {\n\tiv := []byte{0x00, 0x01, 0x02, 0x03}\n\treturn iv\n}\n";
      flags(serious("a.go", go, Language.GO), "CWE-329", "static-iv", 4);
      String cpp = "#include <vector>\n#include <cstdint>\nstd::vector<uint8_t> e() {\n  std::vector<uint8_t> iv = {0x00, 0x01, 0x02};\n"
          + "  return iv;\n}\n";
      flags(serious("a.cpp", cpp, Language.CPP), "CWE-329", "static-iv", 4);
      String random = "import os\n\ndef e():\n    iv = os.urandom(16)\n    return iv\n";
      noneOf(serious("a.py", random, Language.PYTHON), "CWE-329");
      // a constant named for its size is no IV
      String size = "def e():\n    IV_SIZE = 16\n    return IV_SIZE\n";
      noneOf(serious("a.py", size, Language.PYTHON), "CWE-329");
      String c = "#include <string.h>\nstruct h { unsigned char salt[32]; };\nvoid s(struct h *x) {\n  memset(x->salt, 0, 32);\n}\n";
      flags(serious("a.c", c, Language.C), "CWE-760", "constant-salt", 4);
    }

    @Test
    void aFileModeOpenToGroupOrOthersAndAWeakUmask() {
      String js = "const fs = require('fs');\nfunction save(p, s) {\n  fs.writeFileSync(p, s);\n  fs.chmodSync(p, 0o660);\n}\n";
      flags(serious("a.js", js, Language.JAVASCRIPT), "CWE-732", "permissive-file-mode", 4);
      noneOf(serious("a.js", js.replace("0o660", "0o600"), Language.JAVASCRIPT), "CWE-732");
      String c = "#include <sys/stat.h>\nvoid f(void) {\n  umask(0022);\n}\n";
      flags(serious("a.c", c, Language.C), "CWE-732", "permissive-file-mode", 3);
      noneOf(serious("a.c", c.replace("0022", "0077"), Language.C), "CWE-732");
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
    void aFormatThatBoundsWhatItWritesIsOnlyAHint() {
      // numbers, a string with a precision, a choice of constants: the format bounds the length, whatever the data
      String numbers = "#include <stdio.h>\nvoid f(char *b, unsigned code, int chip) {\n"
          + "  sprintf(b, \"/sys/class/pwm/pwmchip%d/%u kB %.8s %s\", chip, code & 0x7FFF, b, code ? \"on\" : \"off\");\n}\n";
      noneOf(serious("a.c", numbers, Language.C), "CWE-120", "CWE-787", "CWE-119");
      // a caller's string without a precision has no bound
      String string = "#include <stdio.h>\nvoid f(char *b, const char *name) {\n  sprintf(b, \"/home/%s\", name);\n}\n";
      assertThat(serious("a.c", string, Language.C)).extracting(Finding::cwe).contains("CWE-120");
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
