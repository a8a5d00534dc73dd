package dev.rescue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: output compared byte for byte with a reviewed file in {@code src/test/resources}.
 * A missing or different file fails the test. Only {@code -Dgolden.update=true} rewrites them (then
 * review their diff): writing a missing file from the code under test would make the test pass
 * whatever the code does.
 */
public final class GoldenFiles {
  /** The one switch that rewrites every golden file. */
  public static final String UPDATE_PROPERTY = "golden.update";

  private GoldenFiles() {}

  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** Fails unless {@code golden} holds exactly {@code actual}; under {@link #updating()} writes it instead. */
  public static void assertMatches(Path golden, String actual) {
    try {
      if (updating()) {
        if (golden.getParent() != null) Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden).as("golden file (write it with -D" + UPDATE_PROPERTY + "=true, then review it)").exists();
      assertThat(actual).as(golden.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(golden.toString(), e);
    }
  }
}
