package dev.rescue.internal;

import java.nio.file.Path;

/** The user's cache folder for rescue: the {@code rescue.cache} system property, else {@code ~/.cache/rescue}. */
public final class CacheDirs {
  public static final String PROPERTY = "rescue.cache";

  private CacheDirs() {}

  public static Path root() {
    String prop = System.getProperty(PROPERTY);
    return prop != null && !prop.isBlank() ? Path.of(prop) : Path.of(System.getProperty("user.home"), ".cache", "rescue");
  }

  public static Path of(String name) {
    return root().resolve(name);
  }
}
