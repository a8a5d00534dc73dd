package dev.rescue.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A mutable statement under construction, turned into immutable {@link Statement}s by {@link
 * #build}: the one statement model of all six front-ends, which fill drafts while walking a
 * tree-sitter tree (their {@code *Statements} classes) and read the facts of expressions into them
 * (their {@code *DataFlow} classes, the Go, Java and JavaScript ones on {@link TreeSitterDataFlow}).
 * The draft also collects the facts of an expression (defs, uses, calls), so a temporary draft can
 * serve as a scratch pad (see {@link #absorb}).
 *
 * <p>Callees are kept apart from uses: in {@code f(x)} the name {@code f} is a use only when it is
 * a variable of the function (a parameter or something the function defines, a callback say), which
 * is known only once all statements exist. {@link #build} resolves that: a callee counts as a use
 * exactly when it is a parameter or is defined by some statement of the function.
 */
public final class TreeSitterDraft {
  private StatementKind kind;
  private int startLine;
  private int headerEndLine;
  private int endLine;
  private String label;
  private final Set<String> defs = new LinkedHashSet<>();
  private final Set<String> uses = new LinkedHashSet<>();
  private final Set<String> callees = new LinkedHashSet<>();
  private final List<String> calls = new ArrayList<>();
  private final List<BlockRole> blockRoles = new ArrayList<>();
  private final List<List<TreeSitterDraft>> blockBodies = new ArrayList<>();

  /** A draft with the given kind and 1-based lines (fixed up by {@link #build} if inconsistent). */
  public TreeSitterDraft(StatementKind kind, int startLine, int headerEndLine, int endLine) {
    this.kind = kind;
    this.startLine = startLine;
    this.headerEndLine = headerEndLine;
    this.endLine = endLine;
  }

  /** A scratch draft to collect the facts of an expression. */
  public static TreeSitterDraft scratch() {
    return new TreeSitterDraft(StatementKind.SIMPLE, 1, 1, 1);
  }

  public StatementKind kind() {
    return kind;
  }

  public TreeSitterDraft kind(StatementKind k) {
    this.kind = k;
    return this;
  }

  public TreeSitterDraft label(String l) {
    this.label = l;
    return this;
  }

  public int startLine() {
    return startLine;
  }

  public int endLine() {
    return endLine;
  }

  /** Widens a SIMPLE draft (header included) to end at {@code line}, when that is later. */
  public TreeSitterDraft extendTo(int line) {
    if (line > endLine) {
      if (headerEndLine == endLine) headerEndLine = line;
      endLine = line;
    }
    return this;
  }

  public void def(String name) {
    if (name != null && !name.isEmpty()) defs.add(name);
  }

  public void use(String name) {
    if (name != null && !name.isEmpty()) uses.add(name);
  }

  /** A call as written ({@code yaml.load}, {@code .execute}, {@code strcpy}). */
  public void call(String name) {
    if (name != null && !name.isEmpty()) calls.add(name);
  }

  /** The plain identifier a direct call goes through ({@code f} in {@code f(x)}). */
  public void callee(String name) {
    if (name != null && !name.isEmpty()) callees.add(name);
  }

  public Set<String> defs() {
    return defs;
  }

  public Set<String> uses() {
    return uses;
  }

  /**
   * Merges the facts of a scratch draft, minus names bound only inside it (comprehension
   * variables, lambda parameters), which are neither defined nor used outside.
   */
  public void absorb(TreeSitterDraft other, Set<String> hidden) {
    for (String d : other.defs) if (!hidden.contains(d)) defs.add(d);
    for (String u : other.uses) if (!hidden.contains(u)) uses.add(u);
    for (String c : other.callees) if (!hidden.contains(c)) callees.add(c);
    calls.addAll(other.calls);
  }

  /** Opens a nested block; the returned list is filled by the caller. */
  public List<TreeSitterDraft> block(BlockRole role) {
    List<TreeSitterDraft> body = new ArrayList<>();
    blockRoles.add(role);
    blockBodies.add(body);
    return body;
  }

  /**
   * Builds the statements of a function body. {@code parameters} and every def of every statement
   * make the function's variables, which decides whether a callee is also a use.
   */
  public static List<Statement> build(List<TreeSitterDraft> drafts, Set<String> parameters) {
    Set<String> locals = new HashSet<>(parameters);
    collectDefs(drafts, locals);
    return buildAll(drafts, locals);
  }

  private static void collectDefs(List<TreeSitterDraft> drafts, Set<String> into) {
    // Iterative so that deep nesting cannot overflow the stack.
    List<List<TreeSitterDraft>> work = new ArrayList<>();
    work.add(drafts);
    while (!work.isEmpty()) {
      for (TreeSitterDraft d : work.remove(work.size() - 1)) {
        into.addAll(d.defs);
        work.addAll(d.blockBodies);
      }
    }
  }

  private static List<Statement> buildAll(List<TreeSitterDraft> drafts, Set<String> locals) {
    List<Statement> out = new ArrayList<>(drafts.size());
    for (TreeSitterDraft d : drafts) out.add(d.toStatement(locals));
    return out;
  }

  private Statement toStatement(Set<String> locals) {
    Set<String> allUses = new LinkedHashSet<>(uses);
    for (String c : callees) if (locals.contains(c)) allUses.add(c);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < blockRoles.size(); i++) {
      blocks.add(new Block(blockRoles.get(i), buildAll(blockBodies.get(i), locals)));
    }
    int start = Math.max(1, startLine);
    int header = Math.max(start, headerEndLine);
    int end = Math.max(header, endLine);
    StatementKind k = kind;
    // A compound kind with no block (a broken `if` with no body) is still a compound statement
    // for control dependence; only a block-less BLOCK says nothing and reads as SIMPLE.
    if (k == StatementKind.BLOCK && blocks.isEmpty()) k = StatementKind.SIMPLE;
    return new Statement(k, start, header, end, defs, allUses, calls, label, blocks);
  }
}
