package dev.rescue.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>Inside a {@link #cacheScope()} the same (grammar, text) is parsed once: the slicer, its
 * clean-parse checks and the API extraction of one pair ask for the same texts again and again.
 */
public final class TreeSitterParsers {
  private static final ThreadLocal<Map<TreeSitterGrammar, TSParser>> PARSERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(TreeSitterGrammar.class));

  /** The open parse cache of this thread, or null outside every {@link #cacheScope()}. */
  private static final ThreadLocal<ParseCache> CACHE = new ThreadLocal<>();

  private TreeSitterParsers() {}

  /**
   * Opens a parse cache on this thread until the returned scope is closed; inside it, parsing a
   * (grammar, text) already parsed returns the same {@link TreeSitterSource}, whose {@code close()}
   * then does nothing. Scopes nest: an inner one joins the open cache, and the outermost frees
   * every cached tree when it closes. Keep a scope to one unit of work (a pair): the trees live
   * until it ends, and no node may be used after it.
   */
  public static CacheScope cacheScope() {
    ParseCache open = CACHE.get();
    if (open != null) {
      open.depth++;
      return open::leave;
    }
    ParseCache cache = new ParseCache();
    CACHE.set(cache);
    return cache::leave;
  }

  /** A {@link #cacheScope()}; closing it never throws. */
  public interface CacheScope extends AutoCloseable {
    @Override
    void close();
  }

  private record Key(TreeSitterGrammar grammar, String text) {}

  private static final class ParseCache {
    final Map<Key, TreeSitterSource> sources = new HashMap<>();
    int depth = 1;

    void leave() {
      if (--depth > 0) return;
      CACHE.remove();
      List<TreeSitterSource> all = new ArrayList<>(sources.values());
      sources.clear();
      for (TreeSitterSource s : all) s.release();
    }
  }

  /**
   * Parses {@code code} (null is taken as empty) with a grammar. The result owns the native tree;
   * close it (try-with-resources) when done to free native memory early, otherwise a cleaner
   * frees it after garbage collection.
   */
  public static TreeSitterSource parse(TreeSitterGrammar grammar, String code) {
    if (grammar == null) throw new IllegalArgumentException("grammar must not be null");
    String text = TreeSitterSource.sanitize(code == null ? "" : code);
    ParseCache cache = CACHE.get();
    if (cache == null) return parseNow(grammar, text, false);
    Key key = new Key(grammar, text);
    TreeSitterSource cached = cache.sources.get(key);
    if (cached != null) return cached;
    TreeSitterSource fresh = parseNow(grammar, text, true);
    cache.sources.put(key, fresh);
    return fresh;
  }

  private static TreeSitterSource parseNow(TreeSitterGrammar grammar, String text, boolean shared) {
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
    return new TreeSitterSource(grammar, text, tree, shared);
  }

  /**
   * Parses {@code code} as it is and, only when that leaves errors, again inside each wrapper in
   * turn (as {@code wrapper + code + "\n}"}), stopping at the first clean parse. Returns the parse
   * with the fewest ERROR and MISSING nodes (the earlier one on a tie) and closes the others.
   *
   * <p>Why: a bare method or object member is no valid compilation unit, but parses inside a class
   * or object literal. Each wrapper must open on the first line so that line numbers do not move.
   */
  public static TreeSitterSource parseBestWrapped(TreeSitterGrammar grammar, String code,
      List<String> wrappers) {
    String text = code == null ? "" : code;
    TreeSitterSource best = parse(grammar, text);
    if (!best.hasErrors()) return best;
    int bestErrors = TreeSitterNodes.errorNodeCount(best.root());
    for (String wrapper : wrappers) {
      TreeSitterSource wrapped = parse(grammar, wrapper + text + "\n}");
      int errors = TreeSitterNodes.errorNodeCount(wrapped.root());
      if (errors < bestErrors) {
        best.close();
        best = wrapped;
        bestErrors = errors;
      } else {
        wrapped.close();
      }
      if (errors == 0) break;
    }
    return best;
  }
}
