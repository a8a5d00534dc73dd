package dev.rescue.generate.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import org.junit.jupiter.api.Test;

class GuidelineTextTest {
  private static final String G = "Never deserialize untrusted data. In Python use yaml.safe_load, never pickle.loads. "
      + "In Java avoid ObjectInputStream.readObject. JavaScript: use JSON.parse. In Go decode into structs. "
      + "In C and C++ validate lengths. Sign serialized state you must round-trip.";

  @Test
  void keepsLanguageNeutralSentencesAndTheTasksLanguageOnly() {
    assertThat(GuidelineText.forLanguage(G, Language.PYTHON)).isEqualTo(
        "Never deserialize untrusted data. In Python use yaml.safe_load, never pickle.loads. "
            + "Sign serialized state you must round-trip.");
    assertThat(GuidelineText.forLanguage(G, Language.JAVASCRIPT)).contains("JSON.parse").doesNotContain("Java avoid");
  }

  @Test
  void cGuidanceStaysForCppButNotTheOtherWayRound() {
    String g = "Check sizes. In C, use snprintf. In C++, prefer std::string.";
    assertThat(GuidelineText.forLanguage(g, Language.CPP)).isEqualTo(g);
    assertThat(GuidelineText.forLanguage(g, Language.C)).isEqualTo("Check sizes. In C, use snprintf.");
  }

  @Test
  void coreRuleIsTheFirstSentenceEvenWhenItHoldsCode() {
    assertThat(GuidelineText.coreRule(G)).isEqualTo("Never deserialize untrusted data.");
    assertThat(GuidelineText.coreRule("Check `i < n` before `a[i]`; do it in every loop. Then more."))
        .isEqualTo("Check `i < n` before `a[i]`; do it in every loop.");
    assertThat(GuidelineText.coreRule("One rule only")).isEqualTo("One rule only");
  }

  @Test
  void unknownLanguageKeepsEverything() {
    assertThat(GuidelineText.forLanguage(G, null)).isEqualTo(G);
  }

  @Test
  void codeWithDotsIsNotSplitIntoSentences() {
    String g = "Python: `p = os.path.realpath(os.path.join(base, name))` and require it under base. Java: use Path.normalize.";
    assertThat(GuidelineText.forLanguage(g, Language.PYTHON))
        .isEqualTo("Python: `p = os.path.realpath(os.path.join(base, name))` and require it under base.");
  }
}
