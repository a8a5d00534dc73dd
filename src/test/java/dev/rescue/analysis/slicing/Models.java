package dev.rescue.analysis.slicing;

import dev.rescue.analysis.Block;
import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.FunctionModel;
import dev.rescue.analysis.Statement;
import dev.rescue.analysis.StatementKind;
import dev.rescue.model.Language;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Hand-built statement trees, so the graph code is tested apart from any parser. */
final class Models {
  private Models() {}

  static FunctionModel function(int endLine, Set<String> params, Statement... body) {
    return new FunctionModel(Language.C, "f", 1, 1, endLine, params, List.of(body), false);
  }

  /** A straight-line statement on one line; {@code defs} and {@code uses} are comma-separated. */
  static Statement simple(int line, String defs, String uses) {
    return new Statement(StatementKind.SIMPLE, line, line, line, vars(defs), vars(uses), List.of(), null, List.of());
  }

  static Statement jump(StatementKind kind, int line, String uses) {
    return new Statement(kind, line, line, line, Set.of(), vars(uses), List.of(), null, List.of());
  }

  static Statement gotoLabel(int line, String label) {
    return new Statement(StatementKind.GOTO, line, line, line, Set.of(), Set.of(), List.of(), label, List.of());
  }

  static Statement label(int line, String label) {
    return new Statement(StatementKind.LABEL, line, line, line, Set.of(), Set.of(), List.of(), label, List.of());
  }

  static Statement compound(StatementKind kind, int start, int end, String defs, String uses, Block... blocks) {
    return new Statement(kind, start, start, end, vars(defs), vars(uses), List.of(), null, List.of(blocks));
  }

  static Block block(BlockRole role, Statement... statements) {
    return new Block(role, List.of(statements));
  }

  static Set<String> vars(String csv) {
    if (csv == null || csv.isBlank()) return Set.of();
    return Set.copyOf(Arrays.stream(csv.split(",")).map(String::strip).toList());
  }
}
