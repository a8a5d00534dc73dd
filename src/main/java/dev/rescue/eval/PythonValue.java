package dev.rescue.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Python's view of the typed JSON values the HumanEval+ harness writes ({@code humanevalplus_harness.py}):
 * arrays are lists, {@code {"tuple": [...]}} tuples, {@code {"dict": [[k, v], ...]}} dicts,
 * {@code {"set": [...]}} sets and {@code {"other": type, "repr": text}} anything else. Gives Python's
 * {@code ==}, {@code type(x)}, numpy's {@code allclose} and a short {@code repr} for messages.
 */
final class PythonValue {
  enum Type { NONE, BOOL, INT, FLOAT, STR, LIST, TUPLE, DICT, SET, OTHER }

  private PythonValue() {}

  static Type type(JsonNode v) {
    if (v == null || v.isNull()) return Type.NONE;
    if (v.isBoolean()) return Type.BOOL;
    if (v.isIntegralNumber()) return Type.INT;
    if (v.isNumber()) return Type.FLOAT;
    if (v.isTextual()) return Type.STR;
    if (v.isArray()) return Type.LIST;
    if (v.has("tuple")) return Type.TUPLE;
    if (v.has("dict")) return Type.DICT;
    if (v.has("set")) return Type.SET;
    return Type.OTHER;
  }

  private static boolean numeric(Type t) {
    return t == Type.BOOL || t == Type.INT || t == Type.FLOAT;
  }

  /** The elements of a list, tuple or set; the [key, value] pairs of a dict. */
  private static List<JsonNode> items(JsonNode v) {
    JsonNode arr = switch (type(v)) {
      case LIST -> v;
      case TUPLE -> v.get("tuple");
      case DICT -> v.get("dict");
      case SET -> v.get("set");
      default -> throw new IllegalArgumentException("not a container: " + v);
    };
    List<JsonNode> out = new ArrayList<>(arr.size());
    arr.forEach(out::add);
    return out;
  }

  /** Python's {@code a == b}: numbers across bool, int and float by value; NaN equal to nothing. */
  static boolean equal(JsonNode a, JsonNode b) {
    Type ta = type(a);
    Type tb = type(b);
    if (numeric(ta) && numeric(tb)) return numbersEqual(a, ta, b, tb);
    if (ta != tb) return false;
    return switch (ta) {
      case NONE -> true;
      case STR -> a.asText().equals(b.asText());
      case LIST, TUPLE -> sequencesEqual(items(a), items(b));
      case SET -> sameMembers(items(a), items(b));
      case DICT -> dictsEqual(items(a), items(b));
      // no canonical solution returns these; the same type and repr is the best evidence we have
      case OTHER -> a.path("other").asText().equals(b.path("other").asText())
          && a.path("repr").asText().equals(b.path("repr").asText());
      default -> false;
    };
  }

  private static boolean numbersEqual(JsonNode a, Type ta, JsonNode b, Type tb) {
    if (ta == Type.FLOAT || tb == Type.FLOAT) {
      double x = asDouble(a);
      double y = asDouble(b);
      if (Double.isNaN(x) || Double.isNaN(y)) return false;
      if (Double.isInfinite(x) || Double.isInfinite(y)) return x == y;
      // Python compares an int with a float exactly, not after rounding the int to a double
      return exact(a).compareTo(exact(b)) == 0;
    }
    return exact(a).compareTo(exact(b)) == 0;
  }

  private static BigDecimal exact(JsonNode n) {
    if (n.isBoolean()) return n.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
    if (n.isIntegralNumber()) return new BigDecimal(n.bigIntegerValue());
    return new BigDecimal(n.doubleValue());
  }

  static double asDouble(JsonNode n) {
    if (n.isBoolean()) return n.asBoolean() ? 1 : 0;
    return n.doubleValue();
  }

  private static boolean sequencesEqual(List<JsonNode> a, List<JsonNode> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) if (!equal(a.get(i), b.get(i))) return false;
    return true;
  }

  private static boolean sameMembers(List<JsonNode> a, List<JsonNode> b) {
    if (a.size() != b.size()) return false;
    for (JsonNode x : a) if (b.stream().noneMatch(y -> equal(x, y))) return false;
    return true;
  }

  private static boolean dictsEqual(List<JsonNode> a, List<JsonNode> b) {
    if (a.size() != b.size()) return false;
    for (JsonNode entry : a) {
      JsonNode match = null;
      for (JsonNode other : b) {
        if (equal(entry.get(0), other.get(0))) {
          match = other;
          break;
        }
      }
      if (match == null || !equal(entry.get(1), match.get(1))) return false;
    }
    return true;
  }

  /** evalplus's {@code is_floats}: a float, or a list or tuple whose elements are all floats (even none). */
  static boolean isFloats(JsonNode v) {
    Type t = type(v);
    if (t == Type.FLOAT) return true;
    if (t != Type.LIST && t != Type.TUPLE) return false;
    for (JsonNode x : items(v)) if (type(x) != Type.FLOAT) return false;
    return true;
  }

  /** Elements of a list or tuple, for evalplus's length check; -1 for anything else. */
  static int length(JsonNode v) {
    Type t = type(v);
    return t == Type.LIST || t == Type.TUPLE ? items(v).size() : -1;
  }

  /**
   * numpy's {@code allclose(out, exp, rtol, atol)}: {@code |out - exp| <= atol + rtol * |exp|} element
   * by element, infinities equal only to themselves, NaN to nothing. Both must be numbers or equally
   * shaped nests of lists and tuples of numbers (numpy would also broadcast a scalar; anything not
   * numeric makes numpy raise, which fails the comparison).
   */
  static boolean allClose(JsonNode out, JsonNode exp, double rtol, double atol) {
    boolean outScalar = numeric(type(out));
    boolean expScalar = numeric(type(exp));
    if (outScalar && expScalar) return close(asDouble(out), asDouble(exp), rtol, atol);
    if (outScalar || expScalar) {
      JsonNode scalar = outScalar ? out : exp;
      List<Double> flat = new ArrayList<>();
      if (!flatten(outScalar ? exp : out, flat)) return false;
      for (double x : flat) {
        if (outScalar ? !close(asDouble(scalar), x, rtol, atol) : !close(x, asDouble(scalar), rtol, atol)) return false;
      }
      return true;
    }
    Type to = type(out);
    Type te = type(exp);
    if ((to != Type.LIST && to != Type.TUPLE) || (te != Type.LIST && te != Type.TUPLE)) return false;
    List<JsonNode> a = items(out);
    List<JsonNode> b = items(exp);
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      boolean na = numeric(type(a.get(i)));
      boolean nb = numeric(type(b.get(i)));
      if (na != nb) return false;
      if (na ? !close(asDouble(a.get(i)), asDouble(b.get(i)), rtol, atol) : !allClose(a.get(i), b.get(i), rtol, atol)) {
        return false;
      }
    }
    return true;
  }

  private static boolean flatten(JsonNode v, List<Double> into) {
    Type t = type(v);
    if (numeric(t)) {
      into.add(asDouble(v));
      return true;
    }
    if (t != Type.LIST && t != Type.TUPLE) return false;
    for (JsonNode x : items(v)) if (!flatten(x, into)) return false;
    return true;
  }

  private static boolean close(double out, double exp, double rtol, double atol) {
    if (Double.isNaN(out) || Double.isNaN(exp)) return false;
    if (Double.isInfinite(out) || Double.isInfinite(exp)) return out == exp;
    return Math.abs(out - exp) <= atol + rtol * Math.abs(exp);
  }

  /** Roughly Python's repr, cut to {@code max} characters, for failure messages. */
  static String repr(JsonNode v, int max) {
    StringBuilder sb = new StringBuilder();
    repr(v, sb, max);
    return sb.length() > max ? sb.substring(0, max) + "..." : sb.toString();
  }

  private static void repr(JsonNode v, StringBuilder sb, int max) {
    if (sb.length() > max) return;
    switch (type(v)) {
      case NONE -> sb.append("None");
      case BOOL -> sb.append(v.asBoolean() ? "True" : "False");
      case INT -> sb.append(v.bigIntegerValue());
      case FLOAT -> {
        double d = v.doubleValue();
        sb.append(Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d));
      }
      case STR -> sb.append('\'').append(v.asText().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
      case LIST -> join(items(v), "[", "]", sb, max);
      case TUPLE -> join(items(v), "(", items(v).size() == 1 ? ",)" : ")", sb, max);
      case SET -> join(items(v), "{", "}", sb, max);
      case DICT -> {
        sb.append('{');
        Iterator<JsonNode> it = items(v).iterator();
        while (it.hasNext() && sb.length() <= max) {
          JsonNode e = it.next();
          repr(e.get(0), sb, max);
          sb.append(": ");
          repr(e.get(1), sb, max);
          if (it.hasNext()) sb.append(", ");
        }
        sb.append('}');
      }
      case OTHER -> sb.append(v.path("repr").asText());
    }
  }

  private static void join(List<JsonNode> items, String open, String close, StringBuilder sb, int max) {
    sb.append(open);
    for (int i = 0; i < items.size() && sb.length() <= max; i++) {
      if (i > 0) sb.append(", ");
      repr(items.get(i), sb, max);
    }
    sb.append(close);
  }
}
