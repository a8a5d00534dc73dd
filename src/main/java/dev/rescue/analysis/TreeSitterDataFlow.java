package dev.rescue.analysis;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * What a piece of code does to variables, for one grammar: the names it defines, the names it uses
 * and the calls it makes, written into the {@link TreeSitterDraft} of the statement being built.
 * The walk keeps its own stack, so deeply nested (or garbage) code cannot overflow the thread's;
 * each language gives its rules in {@link #visit}. Code that runs later, elsewhere (a lambda, a
 * closure) is walked as nested: there only uses and calls count. One reader serves a whole text.
 * Go, Java and JavaScript read on this base; Python and C/C++ still have walkers of their own
 * ({@code PythonDataFlow}, {@code CFamilyDataFlow}) that write into the same drafts.
 */
public abstract class TreeSitterDataFlow {
  /** The names under the node are read. */
  public static final int USE = 0;
  /** The names under the node are written. */
  public static final int DEF = 1;
  /** The names under the node are read and written ({@code x += 1}, {@code x.f = 1}). */
  public static final int DEF_USE = 2;
  /** The name under the node is no variable (a type used as a receiver): neither read nor written. */
  protected static final int NONE = -1;

  protected final TreeSitterSource src;

  /** One node still to visit, how its names are used, and whether it is nested code. */
  public record Frame(TSNode node, int mode, boolean nested) {}

  protected TreeSitterDataFlow(TreeSitterSource src) {
    this.src = src;
  }

  /** Adds the effects of {@code node} to {@code out}, skipping the subtrees in {@code skip} (nested statement bodies). */
  public void add(TSNode node, Set<TSNode> skip, TreeSitterDraft out) {
    add(node, USE, skip, out);
  }

  /** Adds the effects of {@code node} read in {@code mode} to {@code out}, skipping the subtrees in {@code skip}. */
  public void add(TSNode node, int mode, Set<TSNode> skip, TreeSitterDraft out) {
    if (node == null) return;
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(node, mode, false));
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      if (skip.contains(f.node())) continue;
      visit(f.node(), f.mode(), f.nested(), stack, out);
    }
  }

  /** Records in {@code out} what {@code n} itself does and pushes the children still to visit. */
  protected abstract void visit(TSNode n, int mode, boolean nested, ArrayDeque<Frame> stack, TreeSitterDraft out);

  /** Names the language never tracks (Go's blank identifier, JavaScript's {@code undefined}). */
  protected boolean ignored(String name) {
    return false;
  }

  protected final void name(String name, int mode, boolean nested, TreeSitterDraft out) {
    if (mode == NONE || name.isEmpty() || ignored(name)) return;
    if (mode != DEF) out.use(name);
    if (mode != USE && !nested) out.def(name);
  }

  protected static void push(ArrayDeque<Frame> stack, TSNode n, int mode, boolean nested) {
    if (n != null) stack.push(new Frame(n, mode, nested));
  }

  /** Pushes the named children of {@code n}, so that they are visited in source order. */
  protected static void pushAll(TSNode n, ArrayDeque<Frame> stack, int mode, boolean nested) {
    List<TreeSitterNodes.FieldedChild> kids = TreeSitterNodes.fieldedChildren(n);
    for (int i = kids.size() - 1; i >= 0; i--) {
      TSNode c = kids.get(i).node();
      if (c.isNamed()) stack.push(new Frame(c, mode, nested));
    }
  }
}
