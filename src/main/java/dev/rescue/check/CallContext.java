package dev.rescue.check;

import dev.rescue.analysis.CallSite;
import dev.rescue.check.flow.FlowAnalysis;

/**
 * A finding on a call, weighed by the call's context: the one home of the rule that a risky name
 * alone is a hint. Where a data-flow rule of the finding's CWE has the call as a sink, the flow
 * decides (a list argv without a shell, a bound query parameter are no weakness); a call with
 * constant arguments, with no untrusted argument, or whose untrusted arguments a condition checks
 * first (a bounds check, a validation) is LOW, and its message says why. Used for the KB's risky-API
 * findings and for analysers that judge a call by its name (flawfinder).
 */
final class CallContext {
  private CallContext() {}

  static Finding weigh(Finding f, CallSite site, FlowAnalysis flow) {
    if (flow == null || f.severity() == Severity.LOW) return f;
    String why = null;
    if (flow.isSink(f.cwe(), site.api())) {
      why = "the data-flow rule of " + f.cwe() + " found no untrusted data reaching it in a weak shape";
    } else {
      FlowAnalysis.CallShape shape = flow.shape(site);
      if (shape == FlowAnalysis.CallShape.UNKNOWN) return f;
      if (shape.allConstant()) {
        why = "its arguments are constants";
      } else if (!shape.untrusted()) {
        why = "no argument carries untrusted data (a parameter or an input)";
      } else if (shape.guarded()) {
        why = "its untrusted arguments are checked by a condition in the function";
      }
    }
    if (why == null) return f;
    return new Finding(f.cwe(), f.location(), f.tool(), f.ruleId(), Severity.LOW, Math.min(f.confidence(), 0.2),
        f.message() + "; a hint: " + why, f.guidance(), f.tools());
  }
}
