package dev.rescue.analysis.cpp;

import dev.rescue.analysis.TreeSitterGrammar;
import dev.rescue.analysis.c.CFamilyFrontEnd;

/**
 * C++ on tree-sitter-cpp. The C++ grammar extends the C one, so the reading is shared with C
 * ({@link CFamilyFrontEnd}); it covers the C++ forms too: range-for loops, try/catch, throw,
 * lambdas (parameters local), qualified calls ({@code std::system}), structured bindings, and the
 * constructor call that reads like a prototype ({@code QDir dir(path);} defines {@code dir} and
 * uses {@code path}).
 */
public final class CppFrontEnd extends CFamilyFrontEnd {
  public CppFrontEnd() {
    super(TreeSitterGrammar.CPP);
  }
}
