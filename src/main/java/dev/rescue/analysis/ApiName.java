package dev.rescue.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How an API call is spelled, the one rule every front-end follows and the KB's API lists are
 * written in. A plain function goes by its name ({@code strcpy}, {@code eval}); a member of a
 * package, module or type by the qualified name ({@code exec.Command}, {@code yaml.load},
 * {@code Runtime.exec}); a constructor by {@code Type.<init>}. A method on a receiver whose type or
 * module is unknown goes by two names: {@code .method}, which matches that method on any receiver,
 * and {@code receiver.method}, where the receiver is its last name ({@code self.cursor.execute}
 * gives {@code .execute} and {@code cursor.execute}). Finding the receiver's last name, the
 * imports and the types is each grammar's business; spelling the names is this class's.
 */
public final class ApiName {
  private ApiName() {}

  /** {@code qualifier.member}: {@code exec.Command}, {@code Runtime.exec}, {@code cursor.execute}. */
  public static String qualified(String qualifier, String member) {
    return qualifier + "." + member;
  }

  /** {@code .method}: the method on any receiver. */
  public static String anyReceiver(String method) {
    return "." + method;
  }

  /** {@code Type.<init>}: the constructor of a type. */
  public static String constructor(String type) {
    return qualified(type, "<init>");
  }

  /**
   * The names of a call of {@code method} on a receiver of unknown type: {@code .method}, then
   * {@code receiver.method} when the receiver has a last name ({@code receiver} null when it has
   * none, a call result say).
   */
  public static List<String> onUnknownReceiver(String receiver, String method) {
    Set<String> out = new LinkedHashSet<>();
    out.add(anyReceiver(method));
    if (receiver != null) out.add(qualified(receiver, method));
    return List.copyOf(out);
  }

  /**
   * True for what a call whose callee error recovery lost is named ({@code ""}, or {@code "."} for
   * a method without a name): no API, never a call site.
   */
  public static boolean isBlank(String name) {
    return name.isEmpty() || name.equals(".");
  }
}
