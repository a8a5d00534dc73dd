package dev.rescue.analysis;

import dev.rescue.model.Language;
import java.util.List;
import java.util.Set;

/**
 * What RESCUE needs to know of one language, computed on its tree-sitter grammar. Implementations
 * never throw on garbage input: a parse with errors yields a model with {@code hasErrors}.
 */
public interface LanguageFrontEnd {
  Language language();

  /**
   * The model of the first function in {@code source} (a lone function, a method out of its class,
   * an arrow function, with any indentation), or of the top-level statements when there is none.
   */
  FunctionModel function(String source);

  /**
   * The API calls of a fragment, also of incomplete code, qualified through imports where they can
   * be: {@code yaml.load}, {@code subprocess.run}, {@code strcpy}, {@code Runtime.exec},
   * {@code child_process.exec}, {@code exec.Command}. A method on an unknown receiver gives both
   * {@code .method} and {@code receiver.method}. {@link ApiName} is the rule every front-end spells
   * its names by.
   */
  Set<String> apiCalls(String code);

  /**
   * Where the calls of {@link #apiCalls} are, in source order: one site per call and name, so a
   * name called twice appears twice; the set of names is that of {@link #apiCalls}. Never throws
   * on malformed code.
   */
  List<CallSite> apiCallSites(String code);

  /** True when {@code code} (a function, a method, a slice with elision comments) parses with no error nodes. */
  boolean parsesCleanly(String code);
}
