package dev.rescue.analysis.c;

import dev.rescue.analysis.TreeSitterGrammar;

/** C on tree-sitter-c; the reading itself is shared with C++, see {@link CFamilyFrontEnd}. */
public final class CFrontEnd extends CFamilyFrontEnd {
  public CFrontEnd() {
    super(TreeSitterGrammar.C);
  }
}
