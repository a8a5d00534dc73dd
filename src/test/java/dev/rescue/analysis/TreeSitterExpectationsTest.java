package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.analysis.python.PythonFrontEnd;
import org.junit.jupiter.api.Test;

/** The expectation-comment helper must be able to fail, or the front-end tests prove nothing. */
class TreeSitterExpectationsTest {
  private final PythonFrontEnd fe = new PythonFrontEnd();

  @Test
  void passesWhenTheExpectationsHold() {
    assertThatCode(() -> TreeSitterExpectations.check(fe, """
        def f(a):
            # EXPECT-DEFS: x
            # EXPECT-API: g
            x = g(a)
        """)).doesNotThrowAnyException();
  }

  @Test
  void failsOnAWrongDefNamingTheLine() {
    assertThatThrownBy(() -> TreeSitterExpectations.check(fe, """
        def f(a):
            # EXPECT-DEFS: y
            x = g(a)
        """)).hasMessageContaining("line 3: defs [x], expected [y]");
  }

  @Test
  void failsOnAMissingApiAndOnASnippetWithoutExpectations() {
    assertThatThrownBy(() -> TreeSitterExpectations.check(fe, """
        def f(a):
            # EXPECT-API: yaml.load
            x = g(a)
        """)).hasMessageContaining("API yaml.load missing");
    assertThatThrownBy(() -> TreeSitterExpectations.check(fe, "x = 1\n"))
        .hasMessageContaining("no EXPECT- comment");
  }
}
