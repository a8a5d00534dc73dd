package dev.rescue.index.lucene;

import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits text into code-ish tokens: runs of letters, digits, {@code _}, {@code $} and the
 * member-access punctuation {@code .}, {@code :}, {@code -}, {@code >} (so {@code yaml.safe_load},
 * {@code std::system} and {@code ptr->read} stay whole). Everything else (spaces, parentheses,
 * commas, quotes) separates tokens. {@link QualifiedNameFilter} then splits the kept punctuation.
 *
 * <p>Trap: {@code -} and {@code >} are token characters, so {@code a-b} is one token; the input is
 * API call names, where that is what we want, not free prose.
 */
public final class CodeTokenizer extends CharTokenizer {
  @Override
  protected boolean isTokenChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || QualifiedNameFilter.isSeparator(c);
  }
}
