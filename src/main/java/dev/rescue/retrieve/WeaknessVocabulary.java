package dev.rescue.retrieve;

import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The words a knowledge base uses about its weaknesses (CWE names, causes, guidelines, API names, example
 * descriptions; Snowball-stemmed), less the words of ordinary tasks ({@link NeutralTasks}' texts: "write",
 * "function", "return", "list", and with them "a", "the", "of", ...) and the names of the languages. A
 * task whose cause text has none of them names nothing a weakness could follow from ("hello", "asdf",
 * "?", "Write a function", "Write a Python function that returns the n-th Fibonacci number"), and the
 * cause facet is not read for it. The embedding cannot tell by itself: a text of one or two words lies
 * about as near every cause as a task does (its best cause similarity was 0.57-0.67, above the gate),
 * so such inputs got guidance for whatever happened to rank first. On the calibration sets the rule
 * changed no hit; on the held-out MBPP code prefixes it abstained 0.5 to 1.5 points more often.
 */
public final class WeaknessVocabulary {

  private final Set<String> words;

  private WeaknessVocabulary(Set<String> words) {
    this.words = words;
  }

  public static WeaknessVocabulary of(KnowledgeBase kb) {
    Set<String> words = new HashSet<>();
    for (CweEntry c : kb.cwes()) {
      addWords(c.name(), words);
      addWords(c.cause(), words);
      addWords(c.guideline(), words);
      for (ApiSet apis : c.apis().values()) {
        for (String api : apis.risky()) addWords(api, words);
        for (String api : apis.safe()) addWords(api, words);
      }
    }
    for (CodeExample e : kb.examples()) addWords(e.description(), words);
    Set<String> ordinary = new HashSet<>();
    for (String task : NeutralTasks.texts()) addWords(task, ordinary);
    for (Language l : Language.values()) { // naming its language says nothing of a task's weakness
      addWords(l.id(), ordinary);
      addWords(l.displayName(), ordinary);
    }
    EnglishStemmer stemmer = new EnglishStemmer();
    Set<String> stems = stems(words, stemmer);
    stems.removeAll(stems(ordinary, stemmer));
    return new WeaknessVocabulary(Set.copyOf(stems));
  }

  /** True when {@code text} has a word of this vocabulary. */
  public boolean speaksTo(String text) {
    Set<String> found = new HashSet<>();
    addWords(text, found);
    for (String w : stems(found, new EnglishStemmer())) {
      if (words.contains(w)) return true;
    }
    return false;
  }

  int size() {
    return words.size();
  }

  /**
   * The lower-cased words of {@code text} of two characters or more: a letter, then letters or digits
   * ({@code md5}), split where an identifier joins words ({@code getUserName}, {@code XMLParser},
   * {@code user_name}, {@code os.path}). A scan rather than a regular expression or Lucene's English
   * analyzer: over the bundled KB's texts those cost 0.3 s and 1 s of a cold start.
   */
  private static void addWords(String text, Set<String> into) {
    if (text == null) return;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i++;
      while (i < n) {
        char c = text.charAt(i);
        char prev = text.charAt(i - 1);
        if (!Character.isLetterOrDigit(c)) break;
        if (Character.isUpperCase(c) && Character.isLowerCase(prev)) break; // getUser|Name
        if (Character.isLowerCase(c) && Character.isUpperCase(prev) && i - 1 > start
            && Character.isUpperCase(text.charAt(i - 2))) { // XML|Parser
          i--;
          break;
        }
        i++;
      }
      if (i - start >= 2) into.add(text.substring(start, i).toLowerCase(Locale.ROOT));
    }
  }

  /** Each distinct word stemmed once: stemming every occurrence was most of a cold start's cost. */
  private static Set<String> stems(Set<String> words, EnglishStemmer stemmer) {
    Set<String> out = new HashSet<>();
    for (String w : words) {
      stemmer.setCurrent(w);
      stemmer.stem();
      out.add(stemmer.getCurrent());
    }
    return out;
  }
}
