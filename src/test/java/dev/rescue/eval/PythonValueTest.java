package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Python's == and numpy's allclose over the harness's typed JSON, checked against what Python says. */
class PythonValueTest {
  private static JsonNode v(String json) throws Exception {
    return JsonlRows.JSON.readTree(json);
  }

  @Test
  void numbersCompareByValueAcrossBoolIntAndFloatButNanEqualsNothing() throws Exception {
    assertThat(PythonValue.equal(v("1"), v("1.0"))).isTrue();          // 1 == 1.0
    assertThat(PythonValue.equal(v("true"), v("1"))).isTrue();         // True == 1
    assertThat(PythonValue.equal(v("false"), v("0.0"))).isTrue();      // False == 0.0
    assertThat(PythonValue.equal(v("0.1"), v("0.10000000000000002"))).isFalse();
    assertThat(PythonValue.equal(v("NaN"), v("NaN"))).isFalse();       // nan != nan
    assertThat(PythonValue.equal(v("Infinity"), v("Infinity"))).isTrue();
    // 2**53 + 1 == float(2**53) is False in Python: ints are not rounded to doubles
    assertThat(PythonValue.equal(v("9007199254740993"), v("9007199254740992.0"))).isFalse();
    assertThat(PythonValue.equal(v("123456789012345678901234567890"), v("123456789012345678901234567890"))).isTrue();
  }

  @Test
  void containersFollowPythonListTupleSetAndDictEquality() throws Exception {
    assertThat(PythonValue.equal(v("[1, 2]"), v("{\"tuple\": [1, 2]}"))).isFalse();   // [1, 2] != (1, 2)
    assertThat(PythonValue.equal(v("{\"tuple\": [1, 2.0]}"), v("{\"tuple\": [1.0, 2]}"))).isTrue();
    assertThat(PythonValue.equal(v("{\"set\": [1, 2, 3]}"), v("{\"set\": [3, 1, 2]}"))).isTrue();
    assertThat(PythonValue.equal(v("{\"dict\": [[\"a\", 1], [\"b\", 2]]}"), v("{\"dict\": [[\"b\", 2], [\"a\", 1]]}"))).isTrue();
    assertThat(PythonValue.equal(v("{\"dict\": [[\"a\", 1]]}"), v("{\"dict\": [[\"a\", 2]]}"))).isFalse();
    assertThat(PythonValue.equal(v("null"), v("null"))).isTrue();
    assertThat(PythonValue.equal(v("null"), v("0"))).isFalse();
    assertThat(PythonValue.equal(v("\"a\""), v("[\"a\"]"))).isFalse();
  }

  @Test
  void evalplusFloatsAreAFloatOrAFlatListOrTupleOfFloats() throws Exception {
    assertThat(PythonValue.isFloats(v("1.5"))).isTrue();
    assertThat(PythonValue.isFloats(v("[1.5, 2.0]"))).isTrue();
    assertThat(PythonValue.isFloats(v("[]"))).isTrue();
    assertThat(PythonValue.isFloats(v("[1.5, 2]"))).isFalse();
    assertThat(PythonValue.isFloats(v("[[1.5]]"))).isFalse();
    assertThat(PythonValue.isFloats(v("3"))).isFalse();
  }

  @Test
  void allCloseUsesAtolPlusRtolTimesTheExpectedValue() throws Exception {
    assertThat(PythonValue.allClose(v("1.0000005"), v("1.0"), 1e-7, 1e-6)).isTrue();
    assertThat(PythonValue.allClose(v("1.00001"), v("1.0"), 1e-7, 1e-6)).isFalse();
    // rtol scales with |exp|: 1e8 + 5 is within 1e-6 + 1e-7 * 1e8 = 10.000001
    assertThat(PythonValue.allClose(v("100000005.0"), v("100000000.0"), 1e-7, 1e-6)).isTrue();
    assertThat(PythonValue.allClose(v("[1.0, [2.0000001]]"), v("[1.0, [2.0]]"), 1e-7, 1e-6)).isTrue();
    assertThat(PythonValue.allClose(v("[1.0, 2.0]"), v("[1.0]"), 1e-7, 1e-6)).isFalse();
    assertThat(PythonValue.allClose(v("[\"a\"]"), v("[\"a\"]"), 1e-7, 1e-6)).isFalse();
    assertThat(PythonValue.allClose(v("NaN"), v("NaN"), 1e-7, 1e-6)).isFalse();
  }

  @Test
  void reprReadsLikePython() throws Exception {
    assertThat(PythonValue.repr(v("[true, null, \"it's\", {\"tuple\": [1]}]"), 100)).isEqualTo("[True, None, 'it\\'s', (1,)]");
    assertThat(PythonValue.repr(v("[1, 2, 3, 4, 5, 6]"), 5)).isEqualTo("[1, 2...");
  }
}
