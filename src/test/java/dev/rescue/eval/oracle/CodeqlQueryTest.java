package dev.rescue.eval.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** check_ql as CodeGuard+'s info.json writes it, to what codeql database analyze takes. */
class CodeqlQueryTest {
  static final Path ROOT = Path.of("/data/codeguardplus");

  @Test
  void aStandardQueryInTheAuthorsCheckoutBecomesAPackReference() {
    CodeqlQuery q = CodeqlQuery.fromCheckQl("~/codeql/codeql-repo/python/ql/src/Security/CWE-022/PathInjection.ql", ROOT);
    assertThat(q.specifier()).isEqualTo("codeql/python-queries:Security/CWE-022/PathInjection.ql");
    assertThat(q.checkQl()).startsWith("~/codeql/");
  }

  @Test
  void shellEscapedSpacesAndQueryFoldersAreKept() {
    assertThat(CodeqlQuery.fromCheckQl(
        "~/codeql/codeql-repo/cpp/ql/src/Likely\\ Bugs/Memory\\ Management/PotentialBufferOverflow.ql", ROOT).specifier())
        .isEqualTo("codeql/cpp-queries:Likely Bugs/Memory Management/PotentialBufferOverflow.ql");
    assertThat(CodeqlQuery.fromCheckQl("~/codeql/codeql-repo/cpp/ql/src/Security/CWE/CWE-120", ROOT).specifier())
        .isEqualTo("codeql/cpp-queries:Security/CWE/CWE-120");
  }

  @Test
  void theBenchmarksOwnQueryIsAFileInItsFolder() {
    assertThat(CodeqlQuery.fromCheckQl("data/base/cwe-125/0-c/cwe_125_my-1.ql", ROOT).specifier())
        .isEqualTo("/data/codeguardplus/data/base/cwe-125/0-c/cwe_125_my-1.ql");
  }

  @Test
  void noQueryIsNullAndAnUnknownAbsolutePathIsRefusedByName() {
    assertThat(CodeqlQuery.fromCheckQl(null, ROOT)).isNull();
    assertThat(CodeqlQuery.fromCheckQl("  ", ROOT)).isNull();
    assertThatThrownBy(() -> CodeqlQuery.fromCheckQl("~/elsewhere/q.ql", ROOT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("~/elsewhere/q.ql");
  }
}
