package dev.rescue.analysis.slicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import dev.rescue.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file slice tests: {@code testdata/slicing/<lang>/<case>.<ext>} holds a pair, the
 * vulnerable version after a {@code <comment> == vulnerable ==} line and the fixed one after
 * {@code <comment> == secure ==}; the changed lines end with a {@code <comment> POI} marker (removed
 * before slicing). {@code <case>_expected.<ext>} holds the exact parallel slices (2 hops), under
 * {@code == vulnerable slice ==} and {@code == secure slice ==}. Run with {@code -Dgolden.update=true}
 * to rewrite the expected files, then review their diff.
 */
class GoldenSliceTest {
  private static final Path ROOT = Path.of("src/test/resources/testdata/slicing");

  @TestFactory
  Stream<DynamicTest> everyGoldenCaseSlicesExactlyAsExpected() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || name.contains("_expected.")) continue;
        tests.add(DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> check(p)));
      }
    }
    assertThat(tests).as("golden cases under " + ROOT.toAbsolutePath()).isNotEmpty();
    return tests.stream();
  }

  private static void check(Path input) throws IOException {
    Language language = Language.fromFileName(input.getFileName().toString()).orElseThrow();
    String c = language.lineComment();
    GoldenPair pair = GoldenPair.parse(Files.readString(input, StandardCharsets.UTF_8), c);
    VulnFixPair vfp = new VulnFixPair("golden:" + input.getFileName(), "CWE-20", language, "f",
        pair.vulnerable(), pair.secure(), pair.vulnerablePoi(), pair.securePoi(), null, null, null);
    SliceOutcome outcome = new ParallelSlicer(2).sliceWithReason(vfp);
    assertThat(outcome.reason()).as("fallback of " + input).isEqualTo(FallbackReason.NONE);
    String actual = c + " == vulnerable slice ==\n" + outcome.slice().vulnerable() + "\n"
        + c + " == secure slice ==\n" + outcome.slice().secure() + "\n";
    String fileName = input.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    Path expectedFile = input.resolveSibling(fileName.substring(0, dot) + "_expected" + fileName.substring(dot));
    GoldenFiles.assertMatches(expectedFile, actual);
  }

  /** A golden input: the two versions with their POI lines, markers removed. */
  record GoldenPair(String vulnerable, String secure, List<Integer> vulnerablePoi, List<Integer> securePoi) {
    static GoldenPair parse(String text, String comment) {
      List<String> vulnerable = new ArrayList<>();
      List<String> secure = new ArrayList<>();
      List<Integer> vPoi = new ArrayList<>();
      List<Integer> sPoi = new ArrayList<>();
      List<String> current = null;
      List<Integer> currentPoi = null;
      String marker = comment + " POI";
      for (String line : text.split("\n", -1)) {
        if (line.equals(comment + " == vulnerable ==")) {
          current = vulnerable;
          currentPoi = vPoi;
        } else if (line.equals(comment + " == secure ==")) {
          current = secure;
          currentPoi = sPoi;
        } else if (current != null) {
          if (line.endsWith(marker)) {
            line = line.substring(0, line.length() - marker.length()).stripTrailing();
            currentPoi.add(current.size() + 1);
          }
          current.add(line);
        }
      }
      trimTrailingEmpty(vulnerable);
      trimTrailingEmpty(secure);
      return new GoldenPair(String.join("\n", vulnerable), String.join("\n", secure), vPoi, sPoi);
    }

    private static void trimTrailingEmpty(List<String> lines) {
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
    }
  }
}
