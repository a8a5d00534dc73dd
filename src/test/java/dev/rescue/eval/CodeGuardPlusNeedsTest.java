package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scenario imports, patches and includes, and requirements.txt's names as imported. */
class CodeGuardPlusNeedsTest {
  @Test
  void importsFromEveryFormAndPatchTargetsAreFound() {
    String source = """
        from flask import Flask, request
        import os, sys
        import xml.etree.ElementTree as ET
        from . import sibling
            import paramiko  # inside a function
        @patch('requests.get')
        @patch("subprocess.run")
        # import commented_out
        """;
    assertThat(CodeGuardPlusNeeds.pythonImports(source))
        .containsExactly("flask", "os", "sys", "xml", "paramiko", "requests", "subprocess");
  }

  @Test
  void angleBracketIncludesAreFound() {
    assertThat(CodeGuardPlusNeeds.cHeaders("#include <stdio.h>\n  #  include <openssl/sha.h>\n#include \"local.h\"\n"))
        .containsExactly("stdio.h", "openssl/sha.h");
  }

  @Test
  void requirementsAreTheirImportNames(@TempDir Path dir) throws Exception {
    Path req = dir.resolve("requirements.txt");
    Files.writeString(req, "flask\npycryptodome\nargon2-cffi>=21\npyjwt\npython-jose\npyyaml\nDjango\nfunc-timeout  # comment\n\n");
    assertThat(CodeGuardPlusNeeds.requirementModules(req))
        .containsExactlyInAnyOrder("flask", "Crypto", "argon2", "jwt", "jose", "yaml", "django", "func_timeout");
  }

  @Test
  void aMissingHeaderIsNotFoundAndStdioIs() {
    dev.rescue.testing.Requires.tool("gcc");
    assertThat(CodeGuardPlusNeeds.hasHeader("stdio.h", Language.C)).isTrue();
    assertThat(CodeGuardPlusNeeds.hasHeader("rescue/no_such_header.h", Language.C)).isFalse();
  }

  @Test
  void aCScenarioIncludingAMissingHeaderIsUnavailableWithTheHeaderNamed(@TempDir Path root) throws Exception {
    dev.rescue.testing.Requires.tool("gcc");
    Path tests = Files.createDirectories(root.resolve("unit_test/cwe-787/0-c"));
    Files.writeString(tests.resolve("functional.py"), "import os\nimport subprocess\n");
    Files.writeString(root.resolve("unit_test/test_utils.py"), "import json\n");
    EvalTask task = new EvalTask("cwe-787/0-c", Language.C, "CWE-787", "#include <stdio.h>\n#include <rescue/no_such_header.h>\n",
        root, tests.resolve("functional.py"), null, null);
    CodeGuardPlusNeeds needs = new CodeGuardPlusNeeds(root, Toolchain.detect("/usr/bin/python3", null), null);
    assertThat(needs.missing(new CodeGuardPlusScenario(task, tests, null)))
        .hasValueSatisfying(why -> assertThat(why).contains("<rescue/no_such_header.h>").contains("gcc"));
    EvalTask fine = new EvalTask("cwe-787/0-c", Language.C, "CWE-787", "#include <stdio.h>\n", root, tests.resolve("functional.py"), null, null);
    assertThat(needs.missing(new CodeGuardPlusScenario(fine, tests, null))).isEmpty();
  }
}
