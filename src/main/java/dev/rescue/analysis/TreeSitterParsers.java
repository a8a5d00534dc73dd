package dev.rescue.analysis;

import java.util.EnumMap;
import java.util.Map;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Parser lifecycle: the one entry point that turns source text into a {@link TreeSitterSource}.
 *
 * <p>A native {@code TSParser} is not thread-safe, so each thread keeps its own parser per grammar
 * (a thread-local, created on first use and reused: creating a parser per call costs a native
 * allocation and the grammar switch). Callers never see a parser. Bad text does not make parsing
 * throw: tree-sitter recovers from syntax errors (the tree then holds ERROR or MISSING nodes), and
 * text its native side refuses (lone UTF-16 surrogates) is sanitised first, see {@link
 * TreeSitterSource#sanitize(String)}.
 */
public final class TreeSitterParsers {
  private static final ThreadLocal<Map<TreeSitterGrammar, TSParser>> PARSERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(TreeSitterGrammar.class));

  private TreeSitterParsers() {}

  /**
   * Parses {@code code} (null is taken as empty) with a grammar. The result owns the native tree;
   * close it (try-with-resources) when done to free native memory early, otherwise a cleaner
   * frees it after garbage collection.
   */
  public static TreeSitterSource parse(TreeSitterGrammar grammar, String code) {
    if (grammar == null) throw new IllegalArgumentException("grammar must not be null");
    String text = TreeSitterSource.sanitize(code == null ? "" : code);
    TSParser parser = PARSERS.get().computeIfAbsent(grammar, g -> {
      TSParser p = new TSParser();
      if (!p.setLanguage(g.tsLanguage())) {
        throw new IllegalStateException("tree-sitter rejected the grammar " + g);
      }
      return p;
    });
    TSTree tree;
    try {
      // parseString hands the native side standard UTF-8, so byte offsets match getBytes(UTF_8).
      tree = parser.parseString(null, text);
    } catch (RuntimeException e) {
      parser.reset(); // a failed parse can leave the parser mid-state
      throw new IllegalStateException("tree-sitter " + grammar + " failed on "
          + text.length() + " characters: " + e.getMessage(), e);
    }
    return new TreeSitterSource(grammar, text, tree);
  }
}
