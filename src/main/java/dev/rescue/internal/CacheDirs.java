package dev.rescue.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's cache folder for rescue, the one place it is computed: the {@code rescue.cache} system
 * property (bin/rescue sets it), else {@code $XDG_CACHE_HOME/rescue}, else {@code ~/.cache/rescue},
 * so that a JVM started without bin/rescue (tests, the library) finds what bin/rescue wrote.
 */
public final class CacheDirs {
  public static final String PROPERTY = "rescue.cache";

  private CacheDirs() {}

  public static Path root() {
    return root(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home"));
  }

  static Path root(String property, Map<String, String> env, String home) {
    if (property != null && !property.isBlank()) return Path.of(property);
    String xdg = env.get("XDG_CACHE_HOME");
    return xdg != null && !xdg.isBlank() ? Path.of(xdg, "rescue") : Path.of(home, ".cache", "rescue");
  }

  public static Path of(String name) {
    return root().resolve(name);
  }
}
