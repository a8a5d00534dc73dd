package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * evalplus's rules (evalplus/eval/__init__.py, {@code unsafe_execute} and {@code untrusted_check}) for
 * whether a sample's calls match the canonical solution's on the same inputs:
 * <ul>
 *   <li>a call that raises or overruns its time limit fails;</li>
 *   <li>otherwise {@code out == exp} in Python's sense passes;</li>
 *   <li>when the task has an {@code atol}, or the expected output is a float or a list or tuple of
 *       floats (then {@code atol = 1e-6}, which evalplus keeps for the rest of that input set), an
 *       unequal output still passes if it has the same type, the same length, and
 *       {@code np.allclose(out, exp, rtol=1e-07, atol=atol)};</li>
 *   <li>HumanEval/32 ({@code find_zero}) passes when {@code |poly(xs, out)| <= atol}, whatever the
 *       reference returned: any root will do.</li>
 * </ul>
 * The base and plus inputs are checked as two sets, as evalplus does; a task passes (HumanEval+'s
 * score) when both do. Time limits: {@code max(4 s, 4 x the reference's time)} per input.
 */
final class EvalPlusRules {
  static final double MIN_TIME_LIMIT = 4.0;
  static final double TIME_LIMIT_FACTOR = 4.0;
  static final double FLOAT_ATOL = 1e-6;
  static final double RTOL = 1e-7;
  private static final int SHOWN = 120;

  private EvalPlusRules() {}

  /** Per-input limits from the reference run's times. */
  static List<Double> timeLimits(CallRecords reference, int inputs) {
    List<Double> limits = new ArrayList<>(inputs);
    for (int i = 0; i < inputs; i++) {
      CallRecords.Call c = reference.call(i);
      limits.add(Math.max(MIN_TIME_LIMIT, TIME_LIMIT_FACTOR * (c == null ? 0 : c.seconds())));
    }
    return limits;
  }

  /** Why the sample's calls do not match the reference's, or empty when they all do. */
  static Optional<String> mismatch(HumanEvalPlusProblem task, CallRecords expected, CallRecords actual) {
    if (!actual.loaded()) {
      return Optional.of(actual.loadError() != null ? "program does not load: " + actual.loadError()
          : "program stopped before its function could be called");
    }
    Optional<String> base = mismatch(task, expected, actual, 0, task.baseInputs().size(), "base");
    return base.isPresent() ? base
        : mismatch(task, expected, actual, task.baseInputs().size(), task.inputCount(), "plus");
  }

  private static Optional<String> mismatch(HumanEvalPlusProblem task, CallRecords expected, CallRecords actual,
      int from, int to, String set) {
    double atol = task.atol();
    for (int i = from; i < to; i++) {
      String where = set + " input " + (i - from + 1) + " of " + (to - from);
      CallRecords.Call out = actual.call(i);
      CallRecords.Call exp = expected.call(i);
      if (out == null) return Optional.of(where + ": no output (the program stopped)");
      if (out.timeout() != null) return Optional.of(where + ": timed out (limit " + out.timeout() + " s)");
      if (out.error() != null) return Optional.of(where + ": raised " + out.error());
      if (!out.returned()) return Optional.of(where + ": no output recorded");
      if (task.isFindZero()) {
        Optional<String> root = notARoot(task.input(i), out.value(), task.atol());
        if (root.isPresent()) return Optional.of(where + ": " + root.get());
        continue;
      }
      boolean exact = out.value() != null && exp.value() != null
          ? PythonValue.equal(out.value(), exp.value()) : out.digest().equals(exp.digest());
      if (atol == 0 && exp.value() != null && PythonValue.isFloats(exp.value())) atol = FLOAT_ATOL;
      if (exact) continue;
      if (atol != 0 && out.value() != null && exp.value() != null
          && PythonValue.type(out.value()) == PythonValue.type(exp.value())
          && PythonValue.length(out.value()) == PythonValue.length(exp.value())
          && PythonValue.allClose(out.value(), exp.value(), RTOL, atol)) {
        continue;
      }
      return Optional.of(where + ": expected " + shown(exp) + ", got " + shown(out));
    }
    return Optional.empty();
  }

  private static String shown(CallRecords.Call c) {
    return c.value() != null ? PythonValue.repr(c.value(), SHOWN) : "a large value (digest " + c.digest().substring(0, 8) + ")";
  }

  /** evalplus's oracle for find_zero: {@code abs(_poly(*inp, out)) <= atol}. */
  static Optional<String> notARoot(JsonNode input, JsonNode out, double atol) {
    if (out == null || PythonValue.type(out) != PythonValue.Type.FLOAT && PythonValue.type(out) != PythonValue.Type.INT) {
      return Optional.of("expected a number, got " + (out == null ? "a large value" : PythonValue.repr(out, SHOWN)));
    }
    double x = PythonValue.asDouble(out);
    JsonNode xs = input.get(0);
    double sum = 0;
    // _poly: sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)]), summed left to right
    for (int i = 0; i < xs.size(); i++) sum += PythonValue.asDouble(xs.get(i)) * Math.pow(x, i);
    if (Math.abs(sum) <= atol) return Optional.empty();
    return Optional.of("poly(xs, " + x + ") = " + sum + ", not within " + atol + " of 0");
  }
}
