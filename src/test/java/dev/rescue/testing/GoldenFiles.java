package dev.rescue.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Golden files: output compared byte for byte with a reviewed file in {@code src/test/resources}.
 * A missing or different file fails the test. Only {@code -Dgolden.update=true} rewrites them (then
 * review their diff): writing a missing file from the code under test would make the test pass
 * whatever the code does.
 */
public final class GoldenFiles {
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

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

  /**
   * As {@link #assertMatches}, but the decimal numbers of the text (similarity scores, gates) need only
   * be within {@code tolerance} of the golden ones; everything else, the number of numbers included,
   * byte for byte. Scores are embedding similarities, and the bundled model's int8 kernels in ONNX
   * Runtime compute them differently by CPU (AVX2 against AVX-512 VNNI): the third decimal moves.
   */
  public static void assertMatchesWithin(Path golden, String actual, double tolerance) {
    if (updating()) {
      assertMatches(golden, actual);
      return;
    }
    String expected;
    try {
      assertThat(golden).as("golden file (write it with -D" + UPDATE_PROPERTY + "=true, then review it)").exists();
      expected = Files.readString(golden, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(golden.toString(), e);
    }
    List<Double> want = new ArrayList<>();
    List<Double> got = new ArrayList<>();
    String expectedText = masked(expected, want);
    String actualText = masked(actual, got);
    if (!actualText.equals(expectedText) || want.size() != got.size()) {
      assertThat(actual).as(golden.toString()).isEqualTo(expected); // shows the whole difference
    }
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i)).as("%s: number %d of %s", golden, i + 1, actual).isCloseTo(want.get(i),
          org.assertj.core.api.Assertions.within(tolerance));
    }
  }

  private static String masked(String text, List<Double> numbers) {
    Matcher m = DECIMAL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      numbers.add(Double.parseDouble(m.group()));
      m.appendReplacement(out, "#");
    }
    return m.appendTail(out).toString();
  }
}
