package dev.rescue.check;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.analysis.CallSite;
import dev.rescue.check.flow.FlowAnalysis;
import dev.rescue.check.flow.FlowRuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every tool that applies to a unit at once, each under its own deadline, and merges their
 * findings ({@link Deduplication}); a finding without guidance gets the KB's for its CWE. A tool
 * that crashes, hangs or is missing is a {@link ToolFailure} beside the others' findings.
 */
public final class StandardChecker implements CodeChecker {
  /** Past the tool's own deadline (which its process runner enforces), how long to wait before giving up on it. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final List<CheckTool> tools;
  private final KbGuidance guidance;
  private final CheckOptions options;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "check-tool");
    t.setDaemon(true);
    return t;
  });

  public StandardChecker(List<CheckTool> tools, KbGuidance guidance, CheckOptions options) {
    this.tools = List.copyOf(tools);
    this.guidance = guidance;
    this.options = options;
  }

  /** The findings of tools that judge a call by its name, weighed by the call's arguments ({@link CallContext}). */
  private List<Finding> weighByContext(List<Finding> findings, SourceUnit unit) {
    java.util.Set<String> byName = new java.util.HashSet<>();
    for (CheckTool t : tools) if (t.judgesCallsByName()) byName.add(t.name());
    if (findings.stream().noneMatch(f -> byName.contains(f.tool()))) return findings;
    List<CallSite> sites = ApiExtractor.apiCallSites(unit.code(), unit.language());
    try (FlowAnalysis flow = FlowAnalysis.of(unit.code(), unit.language(), FlowRuleSet.bundled(), sites).orElse(null)) {
      List<Finding> out = new ArrayList<>();
      for (Finding f : findings) {
        boolean call = byName.contains(f.tool()) && f.ruleId().matches("[A-Za-z_][A-Za-z0-9_:]*");
        out.add(call ? CallContext.weigh(f, new CallSite(f.ruleId(), f.location().line(), f.location().column()), flow) : f);
      }
      return out;
    }
  }

  /** The tools this checker may run, by name, for {@code --help} and reports. */
  public List<CheckTool> tools() {
    return tools;
  }

  @Override
  public CheckResult check(SourceUnit unit) {
    List<ToolFailure> failures = new ArrayList<>();
    List<CheckTool> chosen = new ArrayList<>();
    for (CheckTool t : tools) {
      if (!options.uses(t.name()) || !t.supports(unit.language())) continue;
      if (t.available()) {
        chosen.add(t);
      } else if (!t.optional() || options.named(t.name())) {
        failures.add(new ToolFailure(t.name(), t.name() + " is not installed"));
      }
    }
    Map<CheckTool, Future<CheckResult>> running = new LinkedHashMap<>();
    for (CheckTool t : chosen) running.put(t, pool.submit(() -> t.check(unit)));
    long deadline = System.nanoTime() + options.toolTimeout().plus(GRACE).toNanos();
    List<Finding> findings = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    for (Map.Entry<CheckTool, Future<CheckResult>> e : running.entrySet()) {
      String name = e.getKey().name();
      try {
        CheckResult r = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        findings.addAll(r.findings());
        failures.addAll(r.failures());
        if (r.failures().stream().noneMatch(f -> f.tool().equals(name))) ran.add(name);
      } catch (TimeoutException ex) {
        e.getValue().cancel(true);
        failures.add(new ToolFailure(name, name + " did not finish within " + options.toolTimeout().toSeconds() + " s"));
      } catch (ExecutionException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        failures.add(new ToolFailure(name, name + " failed: " + cause.getMessage()));
      } catch (CancellationException ex) {
        failures.add(new ToolFailure(name, name + " was cancelled"));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        running.values().forEach(f -> f.cancel(true));
        failures.add(new ToolFailure(name, "the check was interrupted"));
        break;
      }
    }
    findings = weighByContext(findings, unit);
    List<Finding> guided = new ArrayList<>();
    for (Finding f : findings) {
      guided.add(f.guidance().isEmpty() ? f.withGuidance(guidance.of(f.cwe(), unit.language())) : f);
    }
    return new CheckResult(unit, Deduplication.merge(guided), failures, ran);
  }
}
