package dev.rescue.analysis.javascript;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.model.Language;
import java.util.Set;

// PLACEHOLDER: replaced by the front-end work of the foundation issue.
public final class JavaScriptFrontEnd implements LanguageFrontEnd {
  @Override
  public Language language() {
    return Language.JAVASCRIPT;
  }

  @Override
  public FunctionModel function(String source) {
    throw new UnsupportedOperationException("JavaScript front-end not implemented yet");
  }

  @Override
  public Set<String> apiCalls(String code) {
    throw new UnsupportedOperationException("JavaScript front-end not implemented yet");
  }

  @Override
  public boolean parsesCleanly(String code) {
    throw new UnsupportedOperationException("JavaScript front-end not implemented yet");
  }
}
