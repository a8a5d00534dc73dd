package dev.rescue.analysis.python;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.model.Language;
import java.util.Set;

// PLACEHOLDER: replaced by the front-end work of the foundation issue.
public final class PythonFrontEnd implements LanguageFrontEnd {
  @Override
  public Language language() {
    return Language.PYTHON;
  }

  @Override
  public FunctionModel function(String source) {
    throw new UnsupportedOperationException("Python front-end not implemented yet");
  }

  @Override
  public Set<String> apiCalls(String code) {
    throw new UnsupportedOperationException("Python front-end not implemented yet");
  }

  @Override
  public boolean parsesCleanly(String code) {
    throw new UnsupportedOperationException("Python front-end not implemented yet");
  }
}
