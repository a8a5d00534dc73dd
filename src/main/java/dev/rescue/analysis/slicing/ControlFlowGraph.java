package dev.rescue.analysis.slicing;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intra-procedural control flow of a function, one node per statement (a compound statement's
 * node is its header), built from the statement tree alone.
 *
 * <p>Loops get a back edge from the end of their body (and from {@code continue}) to their header,
 * and an edge from the header to what follows (the condition may be false; constant conditions are
 * not evaluated). {@code break} leaves the innermost loop or switch; {@code return} goes to the exit;
 * {@code throw} goes to the catch blocks of the enclosing {@code try}, else to the exit; {@code goto}
 * jumps to its label. Switch cases may fall through. A catch block is entered from the try header
 * (any statement of the try block may throw). Nodes from which the exit cannot be reached (an
 * endless {@code goto} cycle) get an edge to the exit so that post-dominance is defined.
 */
final class ControlFlowGraph {
  final FunctionStructure structure;
  final List<Set<Integer>> successors = new ArrayList<>();
  final List<Set<Integer>> predecessors = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();
  private final List<int[]> gotos = new ArrayList<>(); // {node} with label in gotoLabels
  private final List<String> gotoLabels = new ArrayList<>();

  /** Where break, continue and throw lead from the statement being built. */
  private record Context(int loopHeader, List<Integer> breakSinks, List<Integer> throwTargets) {}

  ControlFlowGraph(FunctionStructure structure) {
    this.structure = structure;
    for (int i = 0; i < structure.size(); i++) {
      successors.add(new LinkedHashSet<>());
      predecessors.add(new LinkedHashSet<>());
    }
    Context top = new Context(-1, null, List.of(FunctionStructure.EXIT));
    List<Integer> end = flow(structure.function.body(), List.of(FunctionStructure.ENTRY), top);
    for (int n : end) edge(n, FunctionStructure.EXIT);
    for (int i = 0; i < gotos.size(); i++) {
      Integer target = labels.get(gotoLabels.get(i));
      edge(gotos.get(i)[0], target != null ? target : FunctionStructure.EXIT);
    }
    connectDeadEndsToExit();
  }

  private void edge(int from, int to) {
    successors.get(from).add(to);
    predecessors.get(to).add(from);
  }

  /** Wires a statement list after {@code preds}; returns the nodes that fall through past it. */
  private List<Integer> flow(List<Statement> statements, List<Integer> preds, Context ctx) {
    List<Integer> current = preds;
    for (Statement s : statements) current = flowStatement(s, current, ctx);
    return current;
  }

  private List<Integer> flowStatement(Statement s, List<Integer> preds, Context ctx) {
    int n = structure.node(s).id;
    for (int p : preds) edge(p, n);
    List<Integer> self = List.of(n);
    switch (s.kind()) {
      case RETURN:
        edge(n, FunctionStructure.EXIT);
        return List.of();
      case THROW:
        for (int t : ctx.throwTargets()) edge(n, t);
        return List.of();
      case BREAK:
        if (ctx.breakSinks() != null) ctx.breakSinks().add(n);
        else edge(n, FunctionStructure.EXIT);
        return List.of();
      case CONTINUE:
        edge(n, ctx.loopHeader() >= 0 ? ctx.loopHeader() : FunctionStructure.EXIT);
        return List.of();
      case GOTO:
        gotos.add(new int[] {n});
        gotoLabels.add(s.label());
        return List.of();
      case LABEL:
        if (s.label() != null) labels.putIfAbsent(s.label(), n);
        return flowBlocksInSequence(s, self, ctx);
      case IF: {
        List<Integer> out = new ArrayList<>();
        boolean hasElse = false;
        for (Block b : s.blocks()) {
          out.addAll(flow(b.statements(), self, ctx));
          if (b.role() == BlockRole.ELSE) hasElse = true;
        }
        if (!hasElse) out.add(n);
        return out;
      }
      case LOOP: {
        List<Integer> breaks = new ArrayList<>();
        Context inner = new Context(n, breaks, ctx.throwTargets());
        List<Integer> out = new ArrayList<>();
        List<Integer> afterLoop = new ArrayList<>(self);
        for (Block b : s.blocks()) {
          if (b.role() == BlockRole.ELSE) {
            afterLoop = flow(b.statements(), self, ctx); // Python's loop else: runs when no break
          } else {
            for (int end : flow(b.statements(), self, inner)) edge(end, n);
          }
        }
        out.addAll(afterLoop);
        out.addAll(breaks);
        return out;
      }
      case SWITCH: {
        List<Integer> breaks = new ArrayList<>();
        Context inner = new Context(ctx.loopHeader(), breaks, ctx.throwTargets());
        List<Integer> fallThrough = List.of();
        for (Block b : s.blocks()) {
          List<Integer> entry = new ArrayList<>(self);
          entry.addAll(fallThrough);
          fallThrough = flow(b.statements(), entry, inner);
        }
        List<Integer> out = new ArrayList<>(fallThrough);
        out.addAll(breaks);
        out.add(n); // no case matched
        return out;
      }
      case TRY:
        return flowTry(s, n, ctx);
      default: // SIMPLE, BLOCK
        return flowBlocksInSequence(s, self, ctx);
    }
  }

  private List<Integer> flowBlocksInSequence(Statement s, List<Integer> preds, Context ctx) {
    List<Integer> current = preds;
    for (Block b : s.blocks()) current = flow(b.statements(), current, ctx);
    return current;
  }

  private List<Integer> flowTry(Statement s, int n, Context ctx) {
    List<Integer> catchEntries = new ArrayList<>();
    for (Block b : s.blocks()) {
      if (b.role() == BlockRole.CATCH && !b.statements().isEmpty()) {
        catchEntries.add(structure.node(b.statements().get(0)).id);
      }
    }
    List<Integer> throwTargets = catchEntries.isEmpty() ? ctx.throwTargets() : catchEntries;
    Context inTry = new Context(ctx.loopHeader(), ctx.breakSinks(), throwTargets);
    List<Integer> normal = List.of(n);
    List<Integer> handled = new ArrayList<>();
    List<Block> finallyBlocks = new ArrayList<>();
    for (Block b : s.blocks()) {
      switch (b.role()) {
        case TRY -> normal = flow(b.statements(), normal, inTry);
        case ELSE -> normal = flow(b.statements(), normal, ctx);
        case CATCH -> handled.addAll(flow(b.statements(), List.of(n), ctx));
        case FINALLY -> finallyBlocks.add(b);
        default -> normal = flow(b.statements(), normal, ctx);
      }
    }
    List<Integer> out = new ArrayList<>(normal);
    out.addAll(handled);
    for (Block b : finallyBlocks) out = flow(b.statements(), out, ctx);
    return out;
  }

  /** Gives every node that cannot reach the exit an edge to it (endless goto cycles, dead code). */
  private void connectDeadEndsToExit() {
    BitSet reaches = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    reaches.set(FunctionStructure.EXIT);
    work.add(FunctionStructure.EXIT);
    while (!work.isEmpty()) {
      int x = work.poll();
      for (int p : predecessors.get(x)) {
        if (!reaches.get(p)) {
          reaches.set(p);
          work.add(p);
        }
      }
    }
    for (int i = 0; i < structure.size(); i++) {
      if (i != FunctionStructure.EXIT && !reaches.get(i)) edge(i, FunctionStructure.EXIT);
    }
  }
}
