package dev.rescue.analysis.slicing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff of two texts (Myers' O((N+M)D) shortest edit script): which lines of the first were
 * deleted, which lines of the second were added, and which unchanged line of one matches which of
 * the other. The parallel slicer aligns the two versions of a function with it, and the SafeCoder
 * reader computes {@code line_changes} with it for rows that lack them.
 *
 * <p>Lines are compared exactly, without their line terminator. Common prefix and suffix are matched
 * first; when the middle part needs more than {@link #MAX_EDIT_DISTANCE} edits (huge, unrelated
 * texts) the middle is reported as wholly deleted and added, which is a correct, if not minimal, diff.
 */
public final class LineDiff {
  /** Beyond this many edits the diff stops looking for a shortest script (time and memory bound). */
  public static final int MAX_EDIT_DISTANCE = 4000;

  private final int[] aToB; // 1-based: aToB[i] = matching line of b, or 0
  private final int[] bToA;

  private LineDiff(int[] aToB, int[] bToA) {
    this.aToB = aToB;
    this.bToA = bToA;
  }

  /** The lines of a text split at {@code \n}, without terminators ({@code \r} is dropped too). */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(stripCr(text.substring(start, i)));
        start = i + 1;
      }
    }
    if (start < text.length()) out.add(stripCr(text.substring(start)));
    return out;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** The diff of two texts, line by line. */
  public static LineDiff of(String a, String b) {
    return of(lines(a), lines(b));
  }

  /** The diff of two lists of lines. */
  public static LineDiff of(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[] aToB = new int[n + 1];
    int[] bToA = new int[m + 1];
    int pre = 0;
    while (pre < n && pre < m && a.get(pre).equals(b.get(pre))) {
      aToB[pre + 1] = pre + 1;
      bToA[pre + 1] = pre + 1;
      pre++;
    }
    int suf = 0;
    while (suf < n - pre && suf < m - pre && a.get(n - 1 - suf).equals(b.get(m - 1 - suf))) {
      aToB[n - suf] = m - suf;
      bToA[m - suf] = n - suf;
      suf++;
    }
    myers(a.subList(pre, n - suf), b.subList(pre, m - suf), pre, aToB, bToA);
    return new LineDiff(aToB, bToA);
  }

  /** Fills the matches of the middle parts; {@code offset} lines precede them in both texts. */
  private static void myers(List<String> a, List<String> b, int offset, int[] aToB, int[] bToA) {
    int n = a.size();
    int m = b.size();
    if (n == 0 || m == 0) return;
    int max = Math.min(n + m, MAX_EDIT_DISTANCE);
    int[] v = new int[2 * max + 3];
    int zero = max + 1;
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      // Only the diagonals -d..d matter at step d: keep that window for backtracking.
      trace.add(Arrays.copyOfRange(v, zero - d - 1, zero + d + 2));
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[zero + k - 1] < v[zero + k + 1]))
            ? v[zero + k + 1] : v[zero + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[zero + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) return; // too different: everything in the middle counts as changed
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] prev = trace.get(d); // v as it was before step d, window -d-1..d+1
      int base = d + 1;
      int k = x - y;
      int prevK = (k == -d || (k != d && prev[base + k - 1] < prev[base + k + 1])) ? k + 1 : k - 1;
      int prevX = prev[base + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        aToB[offset + x + 1] = offset + y + 1;
        bToA[offset + y + 1] = offset + x + 1;
      }
      x = prevX;
      y = prevY;
    }
    while (x > 0 && y > 0) { // the snake of step 0
      x--;
      y--;
      aToB[offset + x + 1] = offset + y + 1;
      bToA[offset + y + 1] = offset + x + 1;
    }
  }

  /** The line of the second text that matches line {@code aLine} (1-based) of the first, or 0. */
  public int matchInB(int aLine) {
    return aLine >= 1 && aLine < aToB.length ? aToB[aLine] : 0;
  }

  /** The line of the first text that matches line {@code bLine} (1-based) of the second, or 0. */
  public int matchInA(int bLine) {
    return bLine >= 1 && bLine < bToA.length ? bToA[bLine] : 0;
  }

  /** 1-based lines of the first text with no match in the second, ascending. */
  public List<Integer> deleted() {
    return unmatched(aToB);
  }

  /** 1-based lines of the second text with no match in the first, ascending. */
  public List<Integer> added() {
    return unmatched(bToA);
  }

  private static List<Integer> unmatched(int[] map) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i < map.length; i++) {
      if (map[i] == 0) out.add(i);
    }
    return out;
  }
}
