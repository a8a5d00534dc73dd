package dev.rescue.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeAnalyzerTest {
  private final Analyzer analyzer = new CodeAnalyzer();

  private List<String> tokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("apis", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    }
    return out;
  }

  @Test
  void qualifiedSnakeCaseNameKeepsOriginalSegmentsAndWords() throws IOException {
    assertThat(tokens("yaml.safe_load")).containsExactly("yaml.safe_load", "yaml", "safe_load", "safe", "load");
  }

  @Test
  void qualifiedNameGivesModuleAndMethod() throws IOException {
    assertThat(tokens("yaml.load")).containsExactly("yaml.load", "yaml", "load");
  }

  @Test
  void camelCaseIsSplitAndLowerCased() throws IOException {
    assertThat(tokens("getRuntime")).containsExactly("getruntime", "get", "runtime");
  }

  @Test
  void acronymBeforeWordSplitsAtTheWordStart() throws IOException {
    assertThat(tokens("XMLParser")).containsExactly("xmlparser", "xml", "parser");
  }

  @Test
  void leadingDotIsDroppedSoMethodMatchesAnyReceiver() throws IOException {
    assertThat(tokens(".execute")).containsExactly("execute");
    assertThat(tokens("cursor.execute")).contains("execute");
  }

  @Test
  void cAndCppMemberAccessSplitLikeDots() throws IOException {
    assertThat(tokens("std::system")).containsExactly("std::system", "std", "system");
    assertThat(tokens("ptr->read_all")).containsExactly("ptr->read_all", "ptr", "read_all", "read", "all");
  }

  @Test
  void callSyntaxAndArgumentsSeparateTokens() throws IOException {
    assertThat(tokens("os.system(cmd), strcpy")).containsExactly("os.system", "os", "system", "cmd", "strcpy");
  }

  @Test
  void digitsStayWithTheirWord() throws IOException {
    assertThat(tokens("hashlib.md5")).containsExactly("hashlib.md5", "hashlib", "md5");
  }

  @Test
  void partsRepeatedInOneTokenAreEmittedOnce() throws IOException {
    assertThat(tokens("load.load_load")).containsExactly("load.load_load", "load", "load_load");
  }

  @Test
  void separatorOnlyTokensAndEmptyTextGiveNothing() throws IOException {
    assertThat(tokens("-> :: . ")).isEmpty();
    assertThat(tokens("")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"Runtime.getRuntime.exec, runtime", "__init__, __init__", "$.ajax, ajax"})
  void expectedPartIsPresent(String input, String part) throws IOException {
    assertThat(tokens(input)).contains(part);
  }

  @Test
  void partsAreStackedOnTheOriginalPosition() throws IOException {
    List<Integer> increments = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("apis", "a.b_c d")) {
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) increments.add(inc.getPositionIncrement());
      ts.end();
    }
    // a.b_c, a, b_c, b, c at one position; d at the next.
    assertThat(increments).containsExactly(1, 0, 0, 0, 0, 1);
  }

  /** Invariants on random text: no failure, and every token is a non-empty lower-case substring of the input. */
  @Test
  void randomTextGivesLowerCaseSubstringsWithValidOffsets() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("CodeAnalyzerTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    String alphabet = "abcXYZ_$.:->( ),09\té\n";
    for (int round = 0; round < 500; round++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String text = sb.toString();
      String lower = text.toLowerCase(Locale.ROOT);
      try (TokenStream ts = analyzer.tokenStream("apis", text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          String t = term.toString();
          assertThat(t).as("token of '%s' (seed %s)", text, seed).isNotEmpty().isEqualTo(t.toLowerCase(Locale.ROOT));
          assertThat(lower).as("input of token '%s' (seed %s)", t, seed).contains(t);
          assertThat(offset.startOffset()).isBetween(0, offset.endOffset());
          assertThat(offset.endOffset()).isLessThanOrEqualTo(text.length());
          assertThat(lower.substring(offset.startOffset(), offset.endOffset())).contains(t);
        }
        ts.end();
      }
    }
  }
}
