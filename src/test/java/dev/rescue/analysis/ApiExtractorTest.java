package dev.rescue.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class ApiExtractorTest {

  @Test
  void delegatesToTheFrontEndOfTheLanguage() {
    assertThat(ApiExtractor.apiCalls("import yaml as y\ny.load(s)\n", Language.PYTHON))
        .containsExactly("yaml.load");
    assertThat(ApiExtractor.apiCalls("void f(char *d, char *s) { strcpy(d, s); }", Language.C))
        .containsExactly("strcpy");
    assertThat(ApiExtractor.apiCalls("void f() { std::system(\"ls\"); }", Language.CPP))
        .containsExactly("std::system");
  }

  @Test
  void keepsOrderOfFirstAppearance() {
    assertThat(ApiExtractor.apiCalls("b()\na()\nb()\n", Language.PYTHON)).containsExactly("b", "a");
  }

  @Test
  void languagesWithoutFrontEndAndEmptyCodeGiveNoApis() {
    assertThat(ApiExtractor.apiCalls("system('ls')", Language.RUBY)).isEmpty();
    assertThat(ApiExtractor.apiCalls("", Language.PYTHON)).isEmpty();
    assertThat(ApiExtractor.apiCalls(null, Language.C)).isEmpty();
    assertThat(ApiExtractor.apiCalls("x()", null)).isEmpty();
  }
}
