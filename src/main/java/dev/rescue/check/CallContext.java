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
 *
 * <p>A conversion that reports no failure or range ({@code atoi}: the KB lists it for CWE-20, 676 and
 * 681) is weighed by where its number goes: used as an index it is CWE-129, as an allocation's or a
 * copy's size or a loop bound CWE-190 (an unchecked number there is memory's size), both MEDIUM;
 * anywhere else (printed, compared, passed on), or range-checked first, or in the program's entry
 * point, whose command line is the invoking user's own, it is a hint. The number's range matters only
 * where memory depends on it; that is where a reviewer asks for strtol and a check.
 */
final class CallContext {
  private CallContext() {}

  static Finding weigh(Finding f, CallSite site, FlowAnalysis flow) {
    if (flow == null || f.severity() == Severity.LOW) return f;
    String why = null;
    if (flow.isConversion(site.api())) {
      // atoi's number is unchecked (no error, no range): that matters where the number is memory's
      // size or index; elsewhere (a number printed, compared, passed on) it is a hint
      FlowAnalysis.NumberUse use = flow.numberUse(site);
      if (use == null) {
        why = "its number is not used as a size, an index or a loop bound here, or is range-checked first";
      } else {
        String cwe = use == FlowAnalysis.NumberUse.INDEX ? "CWE-129" : "CWE-190";
        return new Finding(cwe, f.location(), f.tool(), f.ruleId(), Severity.MEDIUM, Math.min(f.confidence(), 0.5),
            "calls " + site.api() + ", whose unchecked number (no error, no range) is used as "
                + (use == FlowAnalysis.NumberUse.INDEX ? "an index" : "a size or a loop bound")
                + " without a range check; convert with strtol and check the range", Guidance.none(), f.tools());
      }
    } else if (flow.isSink(f.cwe(), site.api())) {
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
      } else if (shape.boundedOutput()) {
        why = "its constant format bounds the length it writes (numbers, strings with a precision or constant)";
      }
    }
    if (why == null) return f;
    return new Finding(f.cwe(), f.location(), f.tool(), f.ruleId(), Severity.LOW, Math.min(f.confidence(), 0.2),
        f.message() + "; a hint: " + why, f.guidance(), f.tools());
  }
}
