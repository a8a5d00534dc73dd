package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** evalplus's comparison rules on records written by hand, without running anything. */
class EvalPlusRulesTest {
  static HumanEvalPlusProblem task(String base, String plus, double atol) throws Exception {
    return new HumanEvalPlusProblem("T", "def f(x):\n", "f", "    return x\n",
        (ArrayNode) JsonlRows.JSON.readTree(base), (ArrayNode) JsonlRows.JSON.readTree(plus), atol);
  }

  /** Records with whole values, one per JSON value given. */
  static CallRecords records(String... values) throws Exception {
    Map<Integer, CallRecords.Call> calls = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      calls.put(i, new CallRecords.Call(i, "d" + values[i], JsonlRows.JSON.readTree(values[i]), 0.5, null, null));
    }
    return new CallRecords(true, null, calls);
  }

  @Test
  void aFloatExpectationTurnsOnTheToleranceForTheRestOfItsInputSetOnly() throws Exception {
    // evalplus sets atol = 1e-6 on meeting a float output and keeps it for the later inputs of the
    // same set, where allclose's rtol then admits 100000005 for 100000000
    HumanEvalPlusProblem t = task("[[1], [2]]", "[[3]]", 0);
    assertThat(EvalPlusRules.mismatch(t, records("[]", "100000000", "1"), records("[]", "100000005", "1"))).isEmpty();
    assertThat(EvalPlusRules.mismatch(t, records("[1]", "100000000", "1"), records("[1]", "100000005", "1")))
        .hasValue("base input 2 of 2: expected 100000000, got 100000005");
    // the plus set starts again from the task's atol
    assertThat(EvalPlusRules.mismatch(t, records("[]", "1", "100000000"), records("[]", "1", "100000005")))
        .hasValue("plus input 1 of 1: expected 100000000, got 100000005");
  }

  @Test
  void underTheToleranceTheTypeAndLengthMustStillMatch() throws Exception {
    HumanEvalPlusProblem t = task("[[1]]", "[]", 1e-3);
    assertThat(EvalPlusRules.mismatch(t, records("[1.0, 2.0]"), records("[1.0001, 2.0]"))).isEmpty();
    assertThat(EvalPlusRules.mismatch(t, records("[1.0, 2.0]"), records("{\"tuple\": [1.0001, 2.0]}"))).isPresent();
    assertThat(EvalPlusRules.mismatch(t, records("[1.0, 2.0]"), records("[1.0001]"))).isPresent();
  }

  @Test
  void timeLimitsAreFourTimesTheReferenceButNeverBelowFourSeconds() throws Exception {
    Map<Integer, CallRecords.Call> calls = new HashMap<>();
    calls.put(0, new CallRecords.Call(0, "d", null, 0.01, null, null));
    calls.put(1, new CallRecords.Call(1, "d", null, 2.5, null, null));
    assertThat(EvalPlusRules.timeLimits(new CallRecords(true, null, calls), 2)).containsExactly(4.0, 10.0);
  }
}
