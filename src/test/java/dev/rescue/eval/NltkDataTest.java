package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NltkDataTest {
  @Test
  void namedDownloadsAndCorporaAreNeeds() {
    assertThat(NltkData.resources("import nltk\nnltk.download('stopwords')\nfrom nltk.corpus import wordnet\n"))
        .containsExactly("stopwords", "wordnet");
  }

  @Test
  void callsThatLoadAModelUnnamedNeedItToo() {
    // BigCodeBench/940's shape: word_tokenize loads the punkt tokenizer without a download line
    assertThat(NltkData.resources("from nltk import word_tokenize\nwords = word_tokenize(s)\n")).containsExactly("punkt");
    assertThat(NltkData.resources("import nltk\ntags = nltk.pos_tag(nltk.word_tokenize(s))\n"))
        .containsExactly("averaged_perceptron_tagger", "punkt");
  }

  @Test
  void theSameNamesOutsideNltkAreNoNeed() {
    assertThat(NltkData.resources("def word_tokenize(s):\n    return s.split()\n")).isEmpty();
  }
}
