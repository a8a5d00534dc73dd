package dev.rescue.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.LoadedKb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On the bundled KB: what a task must say for its cause facet to be read. */
class WeaknessVocabularyTest {
  private static LoadedKb kb;
  private static WeaknessVocabulary vocabulary;

  @BeforeAll
  static void load() {
    Embedder embedder = BgeSmallEmbedder.instance();
    kb = new KbLoader(new LuceneIndexStores(), embedder, Path.of(System.getProperty("java.io.tmpdir"), "rescue-test-index"), s -> {})
        .load(List.of(KbLoader.BUNDLED));
    vocabulary = WeaknessVocabulary.of(kb.kb());
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Parse XML", "Hash a password", "run a shell command", "login form",
      "Write a Flask endpoint that loads a YAML config uploaded by the user", "Deserialize the data"})
  void tasksThatNameWhatTheyHandleAreRead(String task) {
    assertThat(vocabulary.speaksTo(task)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "asdf", "?", "123", "x", "qwerty", "blah blah", "Write a function.",
      "Write a function that returns the n-th Fibonacci number", "Write a Python function", "JavaScript please"})
  void inputsThatNameNothingAWeaknessCouldFollowFromAreNot(String task) {
    assertThat(vocabulary.speaksTo(task)).isFalse();
  }

  @Test
  void identifiersInProseAreReadAsWords() {
    assertThat(vocabulary.speaksTo("getHashedPassword")).isTrue();
    assertThat(vocabulary.speaksTo("load_yaml_config")).isTrue();
    assertThat(vocabulary.speaksTo("computeFibonacciNumber")).isFalse();
  }

  @Test
  void theWordsOfOrdinaryTasksAreNotPartOfIt() {
    // "function", "write", "return" and "number" occur in the KB's causes and guidelines, and in ordinary tasks
    assertThat(vocabulary.speaksTo("write return function number")).isFalse();
    assertThat(vocabulary.size()).isGreaterThan(1000);
  }
}
