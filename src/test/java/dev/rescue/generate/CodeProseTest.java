package dev.rescue.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class CodeProseTest {
  @Test
  void pythonDocstringAndCommentsAreProseButDoctestsAreNot() {
    String code = """
        import os

        def read_user_file(path):
            \"\"\"
            Read the file at the user-provided path and return its text.
            >>> read_user_file('a.txt')
            assert read_user_file('x') == ''
            \"\"\"
            # resolve relative to the upload folder
        """;
    String prose = CodeProse.of(code, Language.PYTHON);
    assertThat(prose).contains("Read the file at the user-provided path", "resolve relative to the upload folder",
        "read user file");
    assertThat(prose).doesNotContain(">>>", "assert", "import os");
  }

  @Test
  void cStyleCommentsAndFunctionNamesAreProse() {
    String code = """
        /**
         * Copy the user name into the session buffer.
         */
        int copyUserName(char *dst, const char *src) { // bounded copy
        """;
    String prose = CodeProse.of(code, Language.C);
    assertThat(prose).contains("Copy the user name into the session buffer.", "bounded copy", "copy user name");
  }

  @Test
  void codeWithoutProseGivesNothing() {
    assertThat(CodeProse.of("x = 1\n", Language.PYTHON)).isEmpty();
    assertThat(CodeProse.of(null, Language.GO)).isEmpty();
    assertThat(CodeProse.of("https://example.org/a", Language.JAVASCRIPT)).isEmpty();
  }
}
