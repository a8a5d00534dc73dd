package dev.rescue.analysis.slicing;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * The k-hop bidirectional slice of RESCUE: from the points of interest, everything within
 * {@code hops} dependence edges backward (what they depend on) and, separately, within {@code hops}
 * edges forward (what depends on them). Directions are not mixed: a sibling that merely shares a
 * dependee with a point of interest is not in the slice.
 */
public final class BidirectionalSlicer {
  private final int hops;

  /** @param hops how many dependence edges to follow each way; 2 in the paper */
  public BidirectionalSlicer(int hops) {
    if (hops < 0) throw new IllegalArgumentException("hops must be >= 0, got " + hops);
    this.hops = hops;
  }

  /**
   * The source lines the slice keeps before any printing concern: the point-of-interest lines
   * themselves, the lines owned by every statement in the slice (a compound statement owns its
   * header), and the signature when the entry (the parameters) is in the slice.
   */
  public Set<Integer> sliceLines(DependenceGraph graph, Collection<Integer> poiLines) {
    FunctionStructure structure = graph.structure;
    BitSet start = new BitSet();
    Set<Integer> lines = new TreeSet<>(poiLines);
    for (int line : poiLines) {
      for (int node : structure.nodesOwningLine(line)) start.set(node);
    }
    BitSet kept = (BitSet) start.clone();
    kept.or(reach(graph, start, true));
    kept.or(reach(graph, start, false));
    for (int n = kept.nextSetBit(0); n >= 0; n = kept.nextSetBit(n + 1)) {
      if (n == FunctionStructure.ENTRY) {
        int from = structure.function.signatureStartLine();
        for (int l = from; from > 0 && l <= structure.function.signatureEndLine(); l++) lines.add(l);
      } else if (n >= 2) {
        StatementNode s = structure.nodes.get(n);
        for (int l = s.ownStart(); l <= s.ownEnd(); l++) lines.add(l);
      }
    }
    return lines;
  }

  private BitSet reach(DependenceGraph graph, BitSet start, boolean backward) {
    BitSet seen = (BitSet) start.clone();
    Deque<Integer> frontier = new ArrayDeque<>();
    for (int n = start.nextSetBit(0); n >= 0; n = start.nextSetBit(n + 1)) frontier.add(n);
    for (int hop = 0; hop < hops && !frontier.isEmpty(); hop++) {
      Deque<Integer> next = new ArrayDeque<>();
      for (int n : frontier) {
        BitSet step = backward ? graph.dependeesOf(n) : graph.dependentsOf(n);
        for (int m = step.nextSetBit(0); m >= 0; m = step.nextSetBit(m + 1)) {
          if (!seen.get(m)) {
            seen.set(m);
            next.add(m);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }
}
