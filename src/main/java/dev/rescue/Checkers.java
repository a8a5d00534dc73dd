package dev.rescue;

import dev.rescue.check.CheckOptions;
import dev.rescue.check.CheckTool;
import dev.rescue.check.KbGuidance;
import dev.rescue.check.KbRules;
import dev.rescue.check.StandardChecker;
import dev.rescue.check.analyser.AnalyserChecker;
import dev.rescue.check.analyser.Analysers;
import dev.rescue.kb.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the checker of {@code rescue check}, MCP {@code check_code}, {@code /v1/security-check}
 * and the repair loop: the KB's rules and the installed analysers, run together. It lives beside
 * {@link PipelineFactory}, the other composition root, so that {@code check} (the core) does not
 * import its analyser adapters, which import it.
 */
public final class Checkers {
  private Checkers() {}

  /** Every source, default timeouts. */
  public static StandardChecker standard(KnowledgeBase kb) {
    return standard(kb, CheckOptions.defaults());
  }

  public static StandardChecker standard(KnowledgeBase kb, CheckOptions options) {
    KbGuidance guidance = new KbGuidance(kb);
    List<CheckTool> tools = new ArrayList<>();
    tools.add(new KbRules(kb, guidance));
    for (var a : Analysers.all()) tools.add(new AnalyserChecker(a, options.toolTimeout()));
    return new StandardChecker(tools, guidance, options);
  }
}
