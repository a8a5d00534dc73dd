package dev.rescue.analysis;

import dev.rescue.model.Language;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;

/**
 * The tree-sitter grammars bundled with the project, one per language that has a front-end.
 *
 * <p>The native {@link TSLanguage} of each grammar is loaded once, lazily, and shared: a language
 * object is immutable and safe to use from several threads (parsers are not, see {@link
 * TreeSitterParsers}).
 */
public enum TreeSitterGrammar {
  PYTHON(Language.PYTHON, TreeSitterPython::new),
  C(Language.C, TreeSitterC::new),
  CPP(Language.CPP, TreeSitterCpp::new),
  JAVA(Language.JAVA, TreeSitterJava::new),
  JAVASCRIPT(Language.JAVASCRIPT, TreeSitterJavascript::new),
  GO(Language.GO, TreeSitterGo::new);

  private final Language language;
  private final Supplier<TSLanguage> loader;
  private volatile TSLanguage loaded;

  TreeSitterGrammar(Language language, Supplier<TSLanguage> loader) {
    this.language = language;
    this.loader = loader;
  }

  /** The project language this grammar parses. */
  public Language language() {
    return language;
  }

  /** The native grammar, loaded on first use. */
  public TSLanguage tsLanguage() {
    TSLanguage l = loaded;
    if (l == null) {
      synchronized (this) {
        if (loaded == null) loaded = loader.get();
        l = loaded;
      }
    }
    return l;
  }

  /** The grammar of a language, empty for languages without one (Ruby). */
  public static Optional<TreeSitterGrammar> of(Language language) {
    for (TreeSitterGrammar g : values()) {
      if (g.language == language) return Optional.of(g);
    }
    return Optional.empty();
  }
}
