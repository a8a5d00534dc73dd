package dev.rescue.index.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

/**
 * The analyzer of API fields and API queries: {@link CodeTokenizer}, then {@link
 * QualifiedNameFilter} (split qualified names and identifiers, keeping the original), then
 * lower-casing. {@code yaml.safe_load} indexes {@code yaml.safe_load}, {@code yaml}, {@code
 * safe_load}, {@code safe}, {@code load}; {@code getRuntime} indexes {@code getruntime}, {@code
 * get}, {@code runtime}. Lucene's {@code StandardAnalyzer} keeps {@code yaml.load} as one token, so
 * a query {@code load} would miss it.
 *
 * <p>The same analyzer runs at index and query time, so a query {@code .execute} matches a
 * document holding {@code cursor.execute} through the shared term {@code execute}.
 */
public final class CodeAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new CodeTokenizer();
    TokenStream stream = new QualifiedNameFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }
}
