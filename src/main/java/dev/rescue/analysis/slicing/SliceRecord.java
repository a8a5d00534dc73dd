package dev.rescue.analysis.slicing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.internal.Tokens;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.util.List;

/**
 * One line of {@code rescue slice}'s output (DESIGN §5): {@code id}, {@code cwe}, {@code language},
 * {@code vulnerable}, {@code secure}, {@code poi} ({@code vulnerable}: deleted lines of the
 * vulnerable function, {@code secure}: added lines of the fixed function, 1-based in the original
 * functions), {@code tokens} (o200k: {@code before}, {@code after} for the whole functions,
 * {@code vulnerable}, {@code secure} for the slices), {@code parse_ok} ({@code vulnerable},
 * {@code secure}), {@code fallback}, and {@code fallback_reason} ({@link FallbackReason#id()}).
 */
public record SliceRecord(VulnFixPair pair, ParallelSlice slice, FallbackReason reason, Tokens4 tokens) {

  /** The o200k token counts of the two functions and of the two slices. */
  public record Tokens4(int before, int after, int vulnerable, int secure) {}

  /** The record of a sliced pair, with its token counts. */
  public static SliceRecord of(VulnFixPair pair, SliceOutcome outcome) {
    ParallelSlice s = outcome.slice();
    int before = Tokens.count(pair.before());
    int after = Tokens.count(pair.after());
    // a fallback's slices are the functions: counting a long function twice is the costly part
    return new SliceRecord(pair, s, outcome.reason(), new Tokens4(before, after,
        s.vulnerable().equals(pair.before()) ? before : Tokens.count(s.vulnerable()),
        s.secure().equals(pair.after()) ? after : Tokens.count(s.secure())));
  }

  /** The output line as a JSON object, fields in the documented order. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("id", pair.id());
    o.put("cwe", pair.cwe());
    o.put("language", pair.language().id());
    o.put("vulnerable", slice.vulnerable());
    o.put("secure", slice.secure());
    ObjectNode poi = o.putObject("poi");
    addAll(poi.putArray("vulnerable"), slice.vulnerablePoi());
    addAll(poi.putArray("secure"), slice.securePoi());
    ObjectNode t = o.putObject("tokens");
    t.put("before", tokens.before());
    t.put("after", tokens.after());
    t.put("vulnerable", tokens.vulnerable());
    t.put("secure", tokens.secure());
    ObjectNode parse = o.putObject("parse_ok");
    parse.put("vulnerable", slice.vulnerableParses());
    parse.put("secure", slice.secureParses());
    o.put("fallback", slice.fallback());
    o.put("fallback_reason", reason.id());
    return o;
  }

  private static void addAll(com.fasterxml.jackson.databind.node.ArrayNode a, List<Integer> xs) {
    xs.forEach(a::add);
  }

  /** The language of the pair (a convenience for reports). */
  public Language language() {
    return pair.language();
  }
}
