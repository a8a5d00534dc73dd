package dev.rescue.index.lucene;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Word-delimiter splitting for qualified code names that keeps the original. For each token it
 * emits, stacked at the token's position (position increment 0, like synonyms):
 *
 * <ol>
 *   <li>the token itself, without leading or trailing separators ({@code .execute} gives
 *       {@code execute});
 *   <li>each segment between separators ({@code .}, {@code ::}, {@code ->}), when there are several:
 *       {@code yaml.safe_load} gives {@code yaml} and {@code safe_load};
 *   <li>each word of a segment split on {@code _}, {@code $} and case changes, when there are several:
 *       {@code safe_load} gives {@code safe}, {@code load}; {@code getRuntime} gives {@code get},
 *       {@code Runtime}; {@code XMLParser} gives {@code XML}, {@code Parser}.
 * </ol>
 *
 * Each distinct string is emitted once per input token, so a part never inflates the BM25 term
 * frequency of its document. Digits stay attached to their letters ({@code sha256}, {@code md5}):
 * splitting them yields noise tokens such as {@code 5}.
 *
 * <p>Why not Lucene's {@code WordDelimiterGraphFilter}: it cannot emit the intermediate segment
 * {@code safe_load} (it splits on every delimiter at once), and chaining two of them re-splits the
 * preserved original into duplicate parts. Stacking everything at one position also keeps the
 * stream a flat, non-graph stream, safe to index without {@code FlattenGraphFilter}.
 */
public final class QualifiedNameFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final Deque<String> pending = new ArrayDeque<>();

  public QualifiedNameFilter(TokenStream input) {
    super(input);
  }

  static boolean isSeparator(int c) {
    return c == '.' || c == ':' || c == '-' || c == '>';
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (true) {
      if (!pending.isEmpty()) {
        // Offsets and type stay those of the original token: the parts are views of it.
        term.setEmpty().append(pending.poll());
        posInc.setPositionIncrement(0);
        return true;
      }
      if (!input.incrementToken()) return false;
      List<String> parts = expand(term.toString());
      if (parts.isEmpty()) continue; // a token made only of separators, e.g. "->"
      term.setEmpty().append(parts.get(0));
      pending.addAll(parts.subList(1, parts.size()));
      return true;
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
  }

  /** The original (trimmed), its segments and their words, distinct, in that order. */
  static List<String> expand(String token) {
    Set<String> out = new LinkedHashSet<>();
    List<String> segments = split(token);
    if (segments.isEmpty()) return List.of();
    String trimmed = trim(token);
    out.add(trimmed);
    if (segments.size() > 1) {
      for (String segment : segments) {
        out.add(segment);
        List<String> words = words(segment);
        if (words.size() > 1) out.addAll(words);
      }
    } else {
      List<String> words = words(segments.get(0));
      if (words.size() > 1) out.addAll(words);
    }
    return new ArrayList<>(out);
  }

  private static String trim(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && isSeparator(token.charAt(start))) start++;
    while (end > start && isSeparator(token.charAt(end - 1))) end--;
    return token.substring(start, end);
  }

  private static List<String> split(String token) {
    List<String> segments = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= token.length(); i++) {
      boolean sep = i == token.length() || isSeparator(token.charAt(i));
      if (sep) {
        if (start >= 0) segments.add(token.substring(start, i));
        start = -1;
      } else if (start < 0) {
        start = i;
      }
    }
    return segments;
  }

  /** Words of one segment: split on {@code _} and {@code $}, then on lower-to-upper case changes. */
  static List<String> words(String segment) {
    List<String> words = new ArrayList<>();
    for (String chunk : segment.split("[_$]+")) {
      if (chunk.isEmpty()) continue;
      int start = 0;
      for (int i = 1; i < chunk.length(); i++) {
        char prev = chunk.charAt(i - 1);
        char cur = chunk.charAt(i);
        boolean next = i + 1 < chunk.length() && Character.isLowerCase(chunk.charAt(i + 1));
        // getRuntime: boundary before R; XMLParser: boundary before P (upper followed by lower).
        boolean boundary = Character.isUpperCase(cur)
            && (Character.isLowerCase(prev) || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && next));
        if (boundary) {
          words.add(chunk.substring(start, i));
          start = i;
        }
      }
      words.add(chunk.substring(start));
    }
    return words;
  }
}
