package dev.rescue.analysis.cpp;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.model.Language;
import java.util.Set;

// PLACEHOLDER: replaced by the front-end work of the foundation issue.
public final class CppFrontEnd implements LanguageFrontEnd {
  @Override
  public Language language() {
    return Language.CPP;
  }

  @Override
  public FunctionModel function(String source) {
    throw new UnsupportedOperationException("Cpp front-end not implemented yet");
  }

  @Override
  public Set<String> apiCalls(String code) {
    throw new UnsupportedOperationException("Cpp front-end not implemented yet");
  }

  @Override
  public boolean parsesCleanly(String code) {
    throw new UnsupportedOperationException("Cpp front-end not implemented yet");
  }
}
