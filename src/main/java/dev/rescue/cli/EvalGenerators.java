package dev.rescue.cli;

import dev.rescue.Rescue;
import dev.rescue.Checkers;
import dev.rescue.check.CodeChecker;
import dev.rescue.embed.Embedder;
import dev.rescue.eval.EvalMethod;
import dev.rescue.eval.EvalRun;
import dev.rescue.eval.PromptMeter;
import dev.rescue.eval.SampleGenerator;
import dev.rescue.kb.LoadedKb;
import dev.rescue.llm.LlmClient;
import dev.rescue.model.FusionPolicy;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RetrieverKind;
import dev.rescue.repair.RepairLoop;
import dev.rescue.repair.RepairPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample generators of the methods of one {@code rescue eval} run. Every method gets its own
 * settings as new values built from the user's switches (the option objects are never written):
 * the KB is loaded once (and the whole-function KB once, if a method needs it), one pipeline is
 * built per retriever and KB, and each method passes its own pipeline options per sample. The repair
 * methods share one checker over the main KB; their repair requests go to the same LLM as the
 * generation, so they sample as it does (uncached: n samples are n draws, their repairs too).
 */
final class EvalGenerators implements AutoCloseable {
  private final KbOptions kbOptions;
  private final PipelineSwitches switches;
  private final LlmClient llm;
  private final String wholeFunctionKb;
  private final PipelineOptions base;
  private final List<LoadedKb> opened = new ArrayList<>();
  private final Map<String, Rescue> pipelines = new LinkedHashMap<>();
  private final PromptMeter meter;
  private final RepairPolicy repair;
  private CodeChecker checker;
  private Embedder embedder;
  private LoadedKb mainKb;
  private LoadedKb wholeKb;

  /**
   * @param base the user's pipeline options with the run's sampling settings
   * @param repair the repair loop's caps for the repair methods (its guidance switch is each method's own)
   */
  EvalGenerators(KbOptions kbOptions, PipelineSwitches switches, LlmClient llm, String wholeFunctionKb,
      PipelineOptions base, RepairPolicy repair) {
    this.kbOptions = kbOptions;
    this.switches = switches;
    this.llm = llm;
    this.wholeFunctionKb = wholeFunctionKb;
    this.base = base;
    this.meter = new PromptMeter(llm);
    this.repair = repair;
  }

  /** Checks every method before anything loads: a usage error names the method and what it lacks. */
  static void validate(List<EvalMethod> methods, String wholeFunctionKb, PipelineOptions base, boolean repairOptions) {
    if (repairOptions && methods.stream().noneMatch(EvalMethod::repair)) {
      throw new IllegalArgumentException("--repair, --repair-max-tokens and --repair-fail-on apply to the methods"
          + " repair and rescue+repair, and none of them is in --method");
    }
    for (EvalMethod m : methods) {
      if (m.wholeFunctionKb() && wholeFunctionKb == null) {
        throw new IllegalArgumentException("--method " + m.name() + " needs --whole-function-kb DIR: slices and"
            + " whole functions differ by KB (build one with 'rescue kb build --no-slicing'), not at retrieval time");
      }
      if (m.wholeFunctionKb()) KbOptions.check(List.of(wholeFunctionKb));
      if (!m.direct()) m.options(base);
    }
  }

  List<EvalRun.Method> methods(List<EvalMethod> methods) {
    List<EvalRun.Method> out = new ArrayList<>();
    for (EvalMethod m : methods) {
      SampleGenerator g = m.direct()
          ? SampleGenerator.direct(m.name(), llm, base.temperature(), base.topP())
          : SampleGenerator.pipeline(m.name(), pipeline(m.retriever(), m.wholeFunctionKb()), m.options(base), meter);
      if (m.repair()) {
        g = SampleGenerator.repaired(m.name(), g, new RepairLoop(llm, checker(), repair.withGuidance(m.repairGuidance())));
      }
      out.add(new EvalRun.Method(m.name(), g));
    }
    return out;
  }

  private Rescue pipeline(RetrieverKind retriever, boolean whole) {
    return pipelines.computeIfAbsent(retriever + (whole ? "/whole" : ""), k -> {
      LoadedKb kb = whole ? wholeKb() : mainKb();
      FusionPolicy gates = kb.kb().gates();
      return Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder()).llm(meter)
          .policy(switches.policy(gates)).options(base).retriever(retriever).build();
    });
  }

  private CodeChecker checker() {
    if (checker == null) checker = Checkers.standard(mainKb().kb());
    return checker;
  }

  private Embedder embedder() {
    if (embedder == null) {
      embedder = kbOptions.embedder();
      Thread warmUp = new Thread(embedder::warmUp, "embedder-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
    return embedder;
  }

  private LoadedKb mainKb() {
    if (mainKb == null) {
      mainKb = kbOptions.load(embedder());
      opened.add(mainKb);
    }
    return mainKb;
  }

  private LoadedKb wholeKb() {
    if (wholeKb == null) {
      wholeKb = KbOptions.loader(embedder()).load(List.of(wholeFunctionKb));
      opened.add(wholeKb);
    }
    return wholeKb;
  }

  @Override
  public void close() {
    opened.forEach(LoadedKb::close);
  }
}
