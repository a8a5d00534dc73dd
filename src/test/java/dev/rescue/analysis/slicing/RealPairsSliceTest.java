package dev.rescue.analysis.slicing;

import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.kb.safecoder.SafeCoderReader;
import dev.rescue.model.Language;
import dev.rescue.model.VulnFixPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random pairs from the real SafeCoder/SVEN data: slicing never throws, every point-of-
 * interest line is in its slice, and every slice line is a line of its function or an elision
 * marker. The seed is printed; rerun one with {@code -Dtests.seed=N}.
 */
class RealPairsSliceTest {
  private static final Path DATA = Path.of("../shared/data/safecoder");
  private static final int SAMPLES = 60;

  @Test
  void randomRealPairsKeepTheirPointsOfInterestAndOnlyTheirOwnLines() {
    Requires.data(DATA);
    List<VulnFixPair> pairs = new ArrayList<>(new SafeCoderReader().read(DATA.resolve("sven/train")).pairs());
    pairs.addAll(new SafeCoderReader().read(DATA.resolve("safecoder/train")).pairs());
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("RealPairsSliceTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    ParallelSlicer slicer = new ParallelSlicer(2);
    for (int i = 0; i < SAMPLES; i++) {
      VulnFixPair p = pairs.get(random.nextInt(pairs.size()));
      ParallelSlice s = slicer.slice(p);
      String why = p.id() + " (seed " + seed + ")";
      checkSlice(s.vulnerable(), p.before(), p.deletedLines(), p.language(), why + " vulnerable");
      checkSlice(s.secure(), p.after(), p.addedLines(), p.language(), why + " secure");
    }
  }

  private static void checkSlice(String slice, String function, List<Integer> poi, Language language, String why) {
    List<String> functionLines = LineDiff.lines(function);
    Set<String> own = new HashSet<>(functionLines);
    List<String> sliceLines = LineDiff.lines(slice);
    for (String line : sliceLines) {
      boolean marker = line.strip().equals(language.lineComment() + " ...");
      assertThat(marker || own.contains(line)).as(why + ": foreign line '" + line + "'").isTrue();
    }
    // Slice lines are the function's lines in order: each POI line appears at its place.
    int from = 0;
    for (int n = 1; n <= functionLines.size(); n++) {
      if (!poi.contains(n) || functionLines.get(n - 1).isBlank()) continue;
      int at = indexFrom(sliceLines, functionLines.get(n - 1), from);
      assertThat(at).as(why + ": POI line " + n + " missing from the slice").isGreaterThanOrEqualTo(0);
      from = at + 1;
    }
  }

  private static int indexFrom(List<String> lines, String wanted, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).equals(wanted)) return i;
    }
    return -1;
  }
}
