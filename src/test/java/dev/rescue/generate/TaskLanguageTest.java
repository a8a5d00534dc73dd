package dev.rescue.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class TaskLanguageTest {
  @Test
  void languagesAndFrameworksNamedInTheTaskAreFound() {
    assertThat(TaskLanguage.named("Write a Flask endpoint that loads a YAML config")).contains(Language.PYTHON);
    assertThat(TaskLanguage.named("In C, write a function to parse a packet")).contains(Language.C);
    assertThat(TaskLanguage.named("Write a C function named do_note")).contains(Language.C);
    assertThat(TaskLanguage.named("Write a C++ function to store a tensor")).contains(Language.CPP);
    assertThat(TaskLanguage.named("Create an Express route that reads a file")).contains(Language.JAVASCRIPT);
    assertThat(TaskLanguage.named("Write a JavaScript function that hashes a string")).contains(Language.JAVASCRIPT);
    assertThat(TaskLanguage.named("Write a Java method that runs a query")).contains(Language.JAVA);
    assertThat(TaskLanguage.named("Write a Go HTTP handler that serves files")).contains(Language.GO);
  }

  @Test
  void ordinaryWordsAreNotLanguages() {
    assertThat(TaskLanguage.named("Go through the list and count the items")).isEmpty();
    assertThat(TaskLanguage.named("Compute grade C or better")).isEmpty();
    assertThat(TaskLanguage.named("Write a function that returns the n-th Fibonacci number")).isEmpty();
  }

  @Test
  void theFirstLanguageNamedWins() {
    assertThat(TaskLanguage.named("Port this Python script to Go code")).contains(Language.PYTHON);
  }
}
