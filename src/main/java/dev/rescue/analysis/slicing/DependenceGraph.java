package dev.rescue.analysis.slicing;

import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The program dependence graph of one function: an edge {@code a -> b} means that {@code b} depends
 * on {@code a}, by data (a definition at {@code a} of a variable that {@code b} uses reaches
 * {@code b} along some control-flow path) or by control ({@code a} is a branch or loop header, or an
 * early exit's guard, that decides whether {@code b} runs).
 *
 * <p>Data dependence comes from reaching definitions over the {@link ControlFlowGraph}, so a
 * definition at the end of a loop body reaches a use at the loop's top. Parameters are defined at
 * the entry node. A statement that both uses and defines a variable ({@code a[i] = x},
 * {@code x.f = y}, {@code f(&x)}) is taken as a partial update: it does not kill the earlier
 * definitions of that variable. Control dependence is computed from post-dominators (Ferrante,
 * Ottenstein and Warren): statements after {@code if (bad) return;} depend on that {@code if}.
 * The entry node has no control-dependence edges, so that a slice does not pull in every top-level
 * statement.
 */
public final class DependenceGraph {
  final FunctionStructure structure;
  private final List<BitSet> dependents = new ArrayList<>();
  private final List<BitSet> dependees = new ArrayList<>();
  private final List<BitSet> dataDependees = new ArrayList<>();
  private final List<BitSet> controlDependees = new ArrayList<>();

  private DependenceGraph(FunctionStructure structure) {
    this.structure = structure;
    for (int i = 0; i < structure.size(); i++) {
      dependents.add(new BitSet());
      dependees.add(new BitSet());
      dataDependees.add(new BitSet());
      controlDependees.add(new BitSet());
    }
  }

  /** The dependence graph of a function model. */
  public static DependenceGraph of(FunctionModel function) {
    FunctionStructure structure = new FunctionStructure(function);
    ControlFlowGraph cfg = new ControlFlowGraph(structure);
    DependenceGraph g = new DependenceGraph(structure);
    g.addDataDependences(cfg);
    g.addControlDependences(cfg);
    return g;
  }

  private void addEdge(int from, int to, List<BitSet> kind) {
    dependents.get(from).set(to);
    dependees.get(to).set(from);
    kind.get(to).set(from);
  }

  private Set<String> defs(int node) {
    if (node == FunctionStructure.ENTRY) return structure.function.parameters();
    if (node == FunctionStructure.EXIT) return Set.of();
    return structure.nodes.get(node).statement.defs();
  }

  private Set<String> uses(int node) {
    if (node < 2) return Set.of();
    return structure.nodes.get(node).statement.uses();
  }

  private void addDataDependences(ControlFlowGraph cfg) {
    int n = structure.size();
    // Definition sites, numbered: site -> (node, variable).
    List<Integer> siteNode = new ArrayList<>();
    List<String> siteVar = new ArrayList<>();
    Map<String, BitSet> sitesOfVar = new HashMap<>();
    List<BitSet> gen = new ArrayList<>();
    BitSet live = reachableFromEntry(cfg);
    for (int i = 0; i < n; i++) {
      BitSet g = new BitSet();
      // Dead code (after a return, skipped by a goto) defines nothing that can reach a use.
      for (String v : live.get(i) ? defs(i) : Set.<String>of()) {
        int site = siteNode.size();
        siteNode.add(i);
        siteVar.add(v);
        sitesOfVar.computeIfAbsent(v, k -> new BitSet()).set(site);
        g.set(site);
      }
      gen.add(g);
    }
    List<BitSet> kill = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BitSet k = new BitSet();
      Set<String> used = uses(i);
      for (String v : defs(i)) {
        if (!used.contains(v)) k.or(sitesOfVar.get(v)); // a partial update kills nothing
      }
      kill.add(k);
    }
    List<BitSet> in = new ArrayList<>();
    List<BitSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      in.add(new BitSet());
      out.add((BitSet) gen.get(i).clone());
    }
    Deque<Integer> work = new ArrayDeque<>();
    BitSet queued = new BitSet();
    for (int i = 0; i < n; i++) {
      work.add(i);
      queued.set(i);
    }
    while (!work.isEmpty()) {
      int x = work.poll();
      queued.clear(x);
      BitSet newIn = new BitSet();
      for (int p : cfg.predecessors.get(x)) newIn.or(out.get(p));
      in.set(x, newIn);
      BitSet newOut = (BitSet) newIn.clone();
      newOut.andNot(kill.get(x));
      newOut.or(gen.get(x));
      if (!newOut.equals(out.get(x))) {
        out.set(x, newOut);
        for (int s : cfg.successors.get(x)) {
          if (!queued.get(s)) {
            queued.set(s);
            work.add(s);
          }
        }
      }
    }
    for (int i = 2; i < n; i++) {
      BitSet reaching = in.get(i);
      for (String v : uses(i)) {
        BitSet sites = sitesOfVar.get(v);
        if (sites == null) continue;
        BitSet r = (BitSet) sites.clone();
        r.and(reaching);
        for (int site = r.nextSetBit(0); site >= 0; site = r.nextSetBit(site + 1)) {
          addEdge(siteNode.get(site), i, dataDependees);
        }
      }
    }
  }

  private static BitSet reachableFromEntry(ControlFlowGraph cfg) {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    seen.set(FunctionStructure.ENTRY);
    work.add(FunctionStructure.ENTRY);
    while (!work.isEmpty()) {
      for (int s : cfg.successors.get(work.poll())) {
        if (!seen.get(s)) {
          seen.set(s);
          work.add(s);
        }
      }
    }
    return seen;
  }

  private void addControlDependences(ControlFlowGraph cfg) {
    int n = structure.size();
    // Post-dominators by the iterative data-flow method over the reverse graph.
    List<BitSet> pdom = new ArrayList<>();
    BitSet all = new BitSet();
    all.set(0, n);
    for (int i = 0; i < n; i++) {
      BitSet b = new BitSet();
      if (i == FunctionStructure.EXIT) b.set(i);
      else b.or(all);
      pdom.add(b);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = n - 1; i >= 0; i--) {
        if (i == FunctionStructure.EXIT) continue;
        BitSet b = null;
        for (int s : cfg.successors.get(i)) {
          if (b == null) b = (BitSet) pdom.get(s).clone();
          else b.and(pdom.get(s));
        }
        if (b == null) b = new BitSet();
        b.set(i);
        if (!b.equals(pdom.get(i))) {
          pdom.set(i, b);
          changed = true;
        }
      }
    }
    int[] ipdom = new int[n];
    for (int i = 0; i < n; i++) {
      ipdom[i] = -1;
      int best = -1;
      BitSet strict = (BitSet) pdom.get(i).clone();
      strict.clear(i);
      for (int p = strict.nextSetBit(0); p >= 0; p = strict.nextSetBit(p + 1)) {
        if (best < 0 || pdom.get(p).cardinality() > pdom.get(best).cardinality()) best = p;
      }
      ipdom[i] = best;
    }
    for (int a = 2; a < n; a++) {
      for (int b : cfg.successors.get(a)) {
        if (pdom.get(a).get(b) && b != a) continue; // b post-dominates a: no decision here
        // Every node on the post-dominator tree path from b up to (not including) ipdom(a)
        // depends on a.
        int stop = ipdom[a];
        int x = b;
        int guard = 0;
        while (x >= 0 && x != stop && guard++ < n) {
          if (x >= 2) addEdge(a, x, controlDependees);
          x = ipdom[x];
        }
      }
    }
  }

  /** Nodes that depend on {@code node} directly. */
  BitSet dependentsOf(int node) {
    return dependents.get(node);
  }

  /** Nodes that {@code node} depends on directly. */
  BitSet dependeesOf(int node) {
    return dependees.get(node);
  }

  /** Start lines of the statements the statement starting at {@code line} depends on by data (0 = entry). */
  public Set<Integer> dataDependencesOfLine(int line) {
    return linesOf(dataDependees, line);
  }

  /** Start lines of the statements the statement starting at {@code line} depends on by control. */
  public Set<Integer> controlDependencesOfLine(int line) {
    return linesOf(controlDependees, line);
  }

  private Set<Integer> linesOf(List<BitSet> kind, int line) {
    Set<Integer> out = new TreeSet<>();
    for (int i = 2; i < structure.size(); i++) {
      Statement s = structure.nodes.get(i).statement;
      if (s.startLine() != line) continue;
      BitSet b = kind.get(i);
      for (int d = b.nextSetBit(0); d >= 0; d = b.nextSetBit(d + 1)) {
        out.add(d < 2 ? 0 : structure.nodes.get(d).statement.startLine());
      }
    }
    return out;
  }
}
