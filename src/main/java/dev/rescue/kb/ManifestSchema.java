package dev.rescue.kb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of {@code manifest.json}, checked before the manifest is bound to {@link KbManifest}.
 * Binding alone forgives too much: a renamed {@code alpha} was ignored and the missing one became 0
 * (every fused score 1.0), a string where a number belongs was coerced. So every key is required
 * (a nullable one may be {@code null}), no other key is allowed, and each value has its JSON type;
 * the first violation is reported with its path ({@code gates.alpha}). Adding a field to the
 * manifest or to {@link dev.rescue.model.FusionPolicy} means adding it here, which the round-trip
 * test of {@link KbFolder} enforces.
 */
public final class ManifestSchema {
  private ManifestSchema() {}

  private enum Kind {
    STRING("a string"), INTEGER("an integer"), NUMBER("a number"), OBJECT("an object"), ARRAY("an array");

    final String what;

    Kind(String what) {
      this.what = what;
    }

    boolean matches(JsonNode n) {
      return switch (this) {
        case STRING -> n.isTextual();
        case INTEGER -> n.isIntegralNumber() && n.canConvertToInt();
        case NUMBER -> n.isNumber();
        case OBJECT -> n.isObject();
        case ARRAY -> n.isArray();
      };
    }
  }

  /** One value's shape: a kind, and for objects their keys, for arrays and maps their elements. */
  private record Shape(Kind kind, Map<String, Field> keys, Shape elements) {
    static Shape of(Kind kind) {
      return new Shape(kind, null, null);
    }

    static Shape object(Field... fields) {
      Map<String, Field> keys = new LinkedHashMap<>();
      for (Field f : fields) keys.put(f.name(), f);
      return new Shape(Kind.OBJECT, keys, null);
    }

    /** An object with keys of its own choosing (counts, files), every value of one shape. */
    static Shape mapOf(Shape values) {
      return new Shape(Kind.OBJECT, null, values);
    }

    static Shape arrayOf(Shape elements) {
      return new Shape(Kind.ARRAY, null, elements);
    }
  }

  /** @param optional may be absent (read as null): a key added after manifests were written without it */
  private record Field(String name, Shape shape, boolean nullable, boolean optional) {}

  private static Field required(String name, Shape shape) {
    return new Field(name, shape, false, false);
  }

  private static Field nullable(String name, Shape shape) {
    return new Field(name, shape, true, false);
  }

  private static Field optional(String name, Shape shape) {
    return new Field(name, shape, true, true);
  }

  private static final Shape STRING = Shape.of(Kind.STRING);
  private static final Shape INTEGER = Shape.of(Kind.INTEGER);
  private static final Shape NUMBER = Shape.of(Kind.NUMBER);

  private static final Shape GATES = Shape.object(
      required("alpha", NUMBER),
      required("rank_cap", INTEGER),
      required("top_k", INTEGER),
      required("tau_cause", NUMBER),
      required("tau_api", NUMBER),
      required("tau_code", NUMBER),
      required("examples_per_cwe", INTEGER),
      required("max_examples", INTEGER),
      nullable("neutral_margin", NUMBER),
      required("prevalence_weight", NUMBER),
      optional("quiet_code_margin", NUMBER));

  /** The learned fusion ({@link dev.rescue.model.FusionModel}), as {@code rescue fusion train} writes it. */
  private static final Shape FUSION = Shape.object(
      required("method", STRING),
      required("features", Shape.arrayOf(STRING)),
      required("weights", Shape.arrayOf(NUMBER)));

  private static final Shape MANIFEST = Shape.object(
      required("format_version", INTEGER),
      required("created", STRING),
      required("sources", Shape.arrayOf(Shape.object(required("name", STRING), required("sha256", STRING)))),
      required("embedder", Shape.object(required("id", STRING), required("dimension", INTEGER))),
      required("gates", GATES),
      required("counts", Shape.mapOf(INTEGER)),
      required("files", Shape.mapOf(STRING)),
      optional("fusion", FUSION));

  /**
   * The first way {@code manifest} breaks the schema, e.g. {@code "gates: missing key 'alpha'"} or
   * {@code "gates.alpha: expected a number, found a string (\"60\")"}; null when it conforms.
   */
  static String violation(JsonNode manifest) {
    List<String> problems = new ArrayList<>(1);
    check(manifest, MANIFEST, "", problems);
    return problems.isEmpty() ? null : problems.get(0);
  }

  /**
   * Like {@link #violation} for a fusion policy on its own, as calibration writes it to
   * {@code gates.yaml}; the path starts at the policy ({@code alpha: expected a number ...}).
   */
  public static String gatesViolation(JsonNode gates) {
    List<String> problems = new ArrayList<>(1);
    check(gates, GATES, "", problems);
    return problems.isEmpty() ? null : problems.get(0);
  }

  /** Like {@link #gatesViolation} for a learned fusion on its own, as {@code fusion.yaml} holds it. */
  public static String fusionViolation(JsonNode fusion) {
    List<String> problems = new ArrayList<>(1);
    check(fusion, FUSION, "", problems);
    return problems.isEmpty() ? null : problems.get(0);
  }

  private static void check(JsonNode n, Shape shape, String path, List<String> problems) {
    if (!problems.isEmpty()) return;
    if (!shape.kind().matches(n)) {
      problems.add((path.isEmpty() ? "the manifest" : path) + ": expected " + shape.kind().what + ", found " + describe(n));
      return;
    }
    String prefix = path.isEmpty() ? "" : path + ".";
    if (shape.keys() != null) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!shape.keys().containsKey(key)) {
          problems.add((path.isEmpty() ? "" : path + ": ") + "unknown key '" + key + "' (expected "
              + String.join(", ", shape.keys().keySet()) + ")");
          return;
        }
      }
      for (Field f : shape.keys().values()) {
        JsonNode v = n.get(f.name());
        if (v == null && f.optional()) continue;
        if (v == null) {
          problems.add((path.isEmpty() ? "" : path + ": ") + "missing key '" + f.name() + "'");
          return;
        }
        if (v.isNull() && f.nullable()) continue;
        check(v, f.shape(), prefix + f.name(), problems);
      }
    } else if (shape.elements() != null) {
      if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) check(n.get(i), shape.elements(), path + "[" + i + "]", problems);
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          check(e.getValue(), shape.elements(), prefix + e.getKey(), problems);
        }
      }
    }
  }

  private static String describe(JsonNode n) {
    String text = n.toString();
    if (text.length() > 40) text = text.substring(0, 40) + "...";
    if (n.isNull()) return "null";
    if (n.isTextual()) return "a string (" + text + ")";
    if (n.isBoolean()) return "a boolean (" + text + ")";
    if (n.isNumber()) return "a number (" + text + ")";
    if (n.isArray()) return "an array";
    return "an object";
  }
}
