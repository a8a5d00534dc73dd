package dev.rescue.serve;

import java.util.Locale;

/** Where the proxy puts the security context in a chat request. */
public enum InjectionMode {
  /** A system message of its own, after the client's leading system (or developer) messages. */
  SYSTEM,
  /** A prefix of the last user message, for models that ignore or forbid system messages. */
  USER_PREFIX;

  /** Accepts {@code system} and {@code user-prefix} (any case, '-' or '_'). */
  public static InjectionMode parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown injection mode '" + s + "' (expected system or user-prefix)");
    }
  }
}
