package dev.rescue.analysis.slicing;

import dev.rescue.analysis.FrontEnds;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.LanguageFrontEnd;
import dev.rescue.analysis.TreeSitterParsers;
import dev.rescue.model.VulnFixPair;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * RESCUE's security-focused slicing of a vulnerability fix into <em>parallel</em> slices.
 *
 * <ol>
 *   <li>Each version is parsed by its language front-end and its {@link DependenceGraph} built.
 *   <li>The points of interest are the statements covering the deleted lines (vulnerable version)
 *       and the added lines (fixed version); the {@link BidirectionalSlicer} keeps what lies within
 *       {@code hops} dependence edges of them, backward and forward.
 *   <li>The two versions are aligned by a {@link LineDiff}: whenever either slice keeps an unchanged
 *       line, both keep it, so the slices differ only where the fix differs. Closing each slice
 *       for printing ({@link SlicePrinter#close}) may add lines, so alignment and closing repeat
 *       until nothing changes.
 *   <li>Each slice is printed with {@code ...} elision comments and re-parsed.
 * </ol>
 *
 * <p>Whole functions are kept instead ({@link ParallelSlice#fallback()} true) when the language has
 * no front-end (Ruby), a function exceeds {@link #MAX_FUNCTION_CHARS}, a function or a printed slice
 * does not parse cleanly, the pair names no changed line, or the front-end fails. Slicing never
 * throws for bad code.
 */
public final class ParallelSlicer {
  /** Longer functions are kept whole without parsing (the largest real one is about 115,000 chars). */
  public static final int MAX_FUNCTION_CHARS = 400_000;
  /** The paper's slicing depth. */
  public static final int DEFAULT_HOPS = 2;
  private static final int MAX_ALIGNMENT_ROUNDS = 20;

  private final int hops;
  private final BidirectionalSlicer slicer;

  /** @param hops dependence edges to follow backward and forward from the points of interest */
  public ParallelSlicer(int hops) {
    this.slicer = new BidirectionalSlicer(hops);
    this.hops = hops;
  }

  /** The depth this slicer uses. */
  public int hops() {
    return hops;
  }

  /** The parallel slices of a pair, or the whole functions with {@code fallback} set; never throws. */
  public ParallelSlice slice(VulnFixPair pair) {
    return sliceWithReason(pair).slice();
  }

  /** Like {@link #slice} but also says why it fell back to whole functions, if it did. */
  public SliceOutcome sliceWithReason(VulnFixPair pair) {
    // One parse per text for the pair's lifetime: the clean-parse checks of whole-function slices
    // and of the fallback, and a caller's API extraction inside its own scope, reuse the trees.
    try (TreeSitterParsers.CacheScope cache = TreeSitterParsers.cacheScope()) {
      return sliceUncached(pair);
    }
  }

  private SliceOutcome sliceUncached(VulnFixPair pair) {
    Optional<LanguageFrontEnd> frontEnd = FrontEnds.of(pair.language());
    if (frontEnd.isEmpty()) return whole(pair, FallbackReason.NO_FRONT_END, false, false);
    LanguageFrontEnd fe = frontEnd.get();
    if (pair.before().length() > MAX_FUNCTION_CHARS || pair.after().length() > MAX_FUNCTION_CHARS) {
      return whole(pair, FallbackReason.TOO_LARGE, false, false);
    }
    try {
      return sliceParsed(pair, fe);
    } catch (RuntimeException | StackOverflowError e) {
      return whole(pair, FallbackReason.FRONT_END_ERROR, parses(fe, pair.before()), parses(fe, pair.after()));
    }
  }

  private SliceOutcome sliceParsed(VulnFixPair pair, LanguageFrontEnd fe) {
    FunctionModel before = fe.function(pair.before());
    FunctionModel after = fe.function(pair.after());
    boolean beforeParses = !before.hasErrors();
    boolean afterParses = !after.hasErrors();
    if (!beforeParses || !afterParses) {
      return whole(pair, FallbackReason.FUNCTION_DOES_NOT_PARSE, beforeParses, afterParses);
    }
    if (pair.deletedLines().isEmpty() && pair.addedLines().isEmpty()) {
      return whole(pair, FallbackReason.NO_CHANGED_LINES, true, true);
    }
    List<String> beforeLines = LineDiff.lines(pair.before());
    List<String> afterLines = LineDiff.lines(pair.after());
    DependenceGraph beforeGraph = DependenceGraph.of(before);
    DependenceGraph afterGraph = DependenceGraph.of(after);
    SlicePrinter printer = new SlicePrinter(pair.language());
    // Align first, close afterwards: closing a slice that is still empty would keep lines (the
    // first statement under a Python opener) that the other version's context makes unnecessary.
    Set<Integer> keptBefore = slicer.sliceLines(beforeGraph, codeLines(pair.deletedLines(), beforeLines));
    Set<Integer> keptAfter = slicer.sliceLines(afterGraph, codeLines(pair.addedLines(), afterLines));
    LineDiff diff = LineDiff.of(beforeLines, afterLines);
    for (int round = 0; round < MAX_ALIGNMENT_ROUNDS; round++) {
      Set<Integer> nextBefore = new TreeSet<>(keptBefore);
      Set<Integer> nextAfter = new TreeSet<>(keptAfter);
      for (int l : keptBefore) {
        int m = diff.matchInB(l);
        if (m > 0) nextAfter.add(m);
      }
      for (int l : keptAfter) {
        int m = diff.matchInA(l);
        if (m > 0) nextBefore.add(m);
      }
      nextBefore = printer.close(beforeGraph.structure, beforeLines, nextBefore);
      nextAfter = printer.close(afterGraph.structure, afterLines, nextAfter);
      boolean stable = nextBefore.equals(keptBefore) && nextAfter.equals(keptAfter);
      keptBefore = nextBefore;
      keptAfter = nextAfter;
      if (stable) break;
    }
    String vulnerable = printer.print(beforeLines, keptBefore);
    String secure = printer.print(afterLines, keptAfter);
    boolean vulnerableParses = fe.parsesCleanly(vulnerable);
    boolean secureParses = fe.parsesCleanly(secure);
    if (!vulnerableParses || !secureParses) {
      return whole(pair, FallbackReason.SLICE_DOES_NOT_PARSE, true, true);
    }
    return new SliceOutcome(new ParallelSlice(vulnerable, secure, pair.deletedLines(), pair.addedLines(),
        false, true, true), FallbackReason.NONE);
  }

  /** The changed lines that hold something: a deleted or added blank line is no point of interest. */
  private static List<Integer> codeLines(List<Integer> changed, List<String> lines) {
    return changed.stream().filter(l -> l >= 1 && l <= lines.size() && !lines.get(l - 1).isBlank()).toList();
  }

  private static boolean parses(LanguageFrontEnd fe, String code) {
    try {
      return fe.parsesCleanly(code);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  private static SliceOutcome whole(VulnFixPair pair, FallbackReason reason, boolean beforeParses, boolean afterParses) {
    return new SliceOutcome(new ParallelSlice(pair.before(), pair.after(), pair.deletedLines(), pair.addedLines(),
        true, beforeParses, afterParses), reason);
  }
}
