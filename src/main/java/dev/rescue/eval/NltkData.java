package dev.rescue.eval;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NLTK data packages (corpora, tokenizer models) a task needs and whether this machine has them.
 * BigCodeBench tasks fetch them with {@code nltk.download(...)}, which fails without a network, and
 * Debian packages none of them: such a task cannot pass for any program, so it is skipped instead.
 */
final class NltkData {
  private static final Pattern DOWNLOAD = Pattern.compile("nltk\\.download\\(\\s*['\"]([\\w.-]+)['\"]");
  private static final Pattern CORPUS = Pattern.compile("(?:from\\s+nltk\\.corpus\\s+import\\s+|nltk\\.corpus\\.)(\\w+)");
  private static final String PROBE = "import sys, nltk\n"
      + "for kind in ('corpora', 'tokenizers', 'taggers', 'sentiment', 'chunkers', 'models', 'misc', 'stemmers'):\n"
      + "    for name in (sys.argv[1], sys.argv[1] + '.zip'):\n"
      + "        try:\n"
      + "            nltk.data.find(kind + '/' + name)\n"
      + "            sys.exit(0)\n"
      + "        except LookupError:\n"
      + "            pass\n"
      + "sys.exit(1)\n";

  /** Calls that load a data package without naming it, and the package each one loads. */
  private static final Map<Pattern, String> IMPLICIT = Map.of(
      Pattern.compile("\\b(?:word_tokenize|sent_tokenize)\\b"), "punkt",
      Pattern.compile("\\bpos_tag\\b"), "averaged_perceptron_tagger",
      Pattern.compile("\\bne_chunk\\b"), "maxent_ne_chunker",
      Pattern.compile("\\bSentimentIntensityAnalyzer\\b"), "vader_lexicon",
      Pattern.compile("\\bWordNetLemmatizer\\b"), "wordnet");

  private final String python;
  private final Map<String, Boolean> known = new ConcurrentHashMap<>();

  NltkData(String python) {
    this.python = python;
  }

  /**
   * The data packages named by {@code nltk.download('X')} or {@code nltk.corpus.X} in the code, and
   * those its calls load unnamed ({@code word_tokenize} loads {@code punkt}).
   */
  static Set<String> resources(String code) {
    Set<String> out = new LinkedHashSet<>();
    Matcher d = DOWNLOAD.matcher(code);
    while (d.find()) out.add(d.group(1));
    Matcher c = CORPUS.matcher(code);
    while (c.find()) out.add(c.group(1));
    if (code.contains("nltk")) {
      IMPLICIT.entrySet().stream().filter(e -> e.getKey().matcher(code).find()).map(Map.Entry::getValue)
          .sorted().forEach(out::add);
    }
    return out;
  }

  /** Whether NLTK finds the package where a sandboxed sample would look (HOME is the sample folder). */
  boolean has(String resource) {
    return known.computeIfAbsent(resource, r -> {
      try {
        ProcessBuilder pb = new ProcessBuilder(python, "-c", PROBE, r).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", "/nonexistent");
        Process p = pb.start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (Exception e) {
        return false;
      }
    });
  }
}
