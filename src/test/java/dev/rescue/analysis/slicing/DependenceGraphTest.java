package dev.rescue.analysis.slicing;

import static dev.rescue.analysis.slicing.Models.block;
import static dev.rescue.analysis.slicing.Models.compound;
import static dev.rescue.analysis.slicing.Models.function;
import static dev.rescue.analysis.slicing.Models.gotoLabel;
import static dev.rescue.analysis.slicing.Models.jump;
import static dev.rescue.analysis.slicing.Models.label;
import static dev.rescue.analysis.slicing.Models.simple;
import static dev.rescue.analysis.slicing.Models.vars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.analysis.BlockRole;
import dev.rescue.analysis.StatementKind;
import org.junit.jupiter.api.Test;

class DependenceGraphTest {

  @Test
  void definitionAtTheEndOfALoopBodyReachesAUseAtTheLoopTop() {
    // 1 f(n) {   2 i = 0   3 while (i < n) {   4 use(i)   5 i = i + 1   6 }   7 }
    DependenceGraph g = DependenceGraph.of(function(7, vars("n"),
        simple(2, "i", ""),
        compound(StatementKind.LOOP, 3, 6, "", "i, n", block(BlockRole.BODY,
            simple(4, "", "i"),
            simple(5, "i", "i")))));
    assertThat(g.dataDependencesOfLine(4)).containsExactlyInAnyOrder(2, 5);
    assertThat(g.dataDependencesOfLine(3)).containsExactlyInAnyOrder(0, 2, 5);
    assertThat(g.controlDependencesOfLine(4)).containsExactly(3);
    assertThat(g.controlDependencesOfLine(5)).containsExactly(3);
  }

  @Test
  void aRedefinitionKillsTheEarlierDefinition() {
    DependenceGraph g = DependenceGraph.of(function(5, vars(""),
        simple(2, "x", ""),
        simple(3, "x", ""),
        simple(4, "", "x")));
    assertThat(g.dataDependencesOfLine(4)).containsExactly(3);
  }

  @Test
  void aPartialUpdateDoesNotKillTheWholeDefinition() {
    // 2 a = malloc()   3 a[i] = 0 (defines and uses a)   4 use(a)
    DependenceGraph g = DependenceGraph.of(function(5, vars("i"),
        simple(2, "a", ""),
        simple(3, "a", "a, i"),
        simple(4, "", "a")));
    assertThat(g.dataDependencesOfLine(4)).containsExactlyInAnyOrder(2, 3);
  }

  @Test
  void statementsAfterAnEarlyReturnDependOnItsGuard() {
    // 2 if (len > max)   3 return -1   4 copy(buf, len)   5 done()
    DependenceGraph g = DependenceGraph.of(function(6, vars("len, max, buf"),
        compound(StatementKind.IF, 2, 3, "", "len, max", block(BlockRole.THEN, jump(StatementKind.RETURN, 3, ""))),
        simple(4, "", "buf, len"),
        simple(5, "", "")));
    assertThat(g.controlDependencesOfLine(3)).containsExactly(2);
    assertThat(g.controlDependencesOfLine(4)).containsExactly(2);
    assertThat(g.controlDependencesOfLine(5)).containsExactly(2);
  }

  @Test
  void statementsAfterAnIfWithoutExitDoNotDependOnIt() {
    DependenceGraph g = DependenceGraph.of(function(6, vars("c"),
        compound(StatementKind.IF, 2, 4, "", "c", block(BlockRole.THEN, simple(3, "x", "")),
            block(BlockRole.ELSE, simple(4, "x", ""))),
        simple(5, "", "x")));
    assertThat(g.controlDependencesOfLine(5)).isEmpty();
    assertThat(g.controlDependencesOfLine(3)).containsExactly(2);
    assertThat(g.controlDependencesOfLine(4)).containsExactly(2);
    assertThat(g.dataDependencesOfLine(5)).containsExactlyInAnyOrder(3, 4);
  }

  @Test
  void aBreakGuardControlsTheRestOfTheLoopBody() {
    // 2 for (;;cond) {   3 if (stop)   4 break   5 work()   6 }   7 after()
    DependenceGraph g = DependenceGraph.of(function(8, vars("stop"),
        compound(StatementKind.LOOP, 2, 6, "", "", block(BlockRole.BODY,
            compound(StatementKind.IF, 3, 4, "", "stop", block(BlockRole.THEN, jump(StatementKind.BREAK, 4, ""))),
            simple(5, "", ""))),
        simple(7, "", "")));
    assertThat(g.controlDependencesOfLine(5)).containsExactlyInAnyOrder(3);
    assertThat(g.controlDependencesOfLine(3)).contains(2);
  }

  @Test
  void aContinueSkipsToTheLoopHeaderSoTheDefinitionBeforeItReachesTheHeader() {
    // 2 while (i < n) {  3 i = i + 1  4 if (skip) 5 continue  6 x = i  7 }
    DependenceGraph g = DependenceGraph.of(function(8, vars("n, skip"),
        compound(StatementKind.LOOP, 2, 7, "", "i, n", block(BlockRole.BODY,
            simple(3, "i", "i"),
            compound(StatementKind.IF, 4, 5, "", "skip", block(BlockRole.THEN, jump(StatementKind.CONTINUE, 5, ""))),
            simple(6, "x", "i")))));
    assertThat(g.dataDependencesOfLine(2)).contains(3);
    assertThat(g.controlDependencesOfLine(6)).containsExactly(4);
  }

  @Test
  void aGotoCarriesDefinitionsToItsLabel() {
    // 2 x = 1   3 goto out   4 x = 2   5 out:   6 use(x)
    DependenceGraph g = DependenceGraph.of(function(7, vars(""),
        simple(2, "x", ""),
        gotoLabel(3, "out"),
        simple(4, "x", ""),
        label(5, "out"),
        simple(6, "", "x")));
    assertThat(g.dataDependencesOfLine(6)).containsExactly(2);
  }

  @Test
  void parametersAreDefinedAtTheEntry() {
    DependenceGraph g = DependenceGraph.of(function(3, vars("path"), simple(2, "", "path")));
    assertThat(g.dataDependencesOfLine(2)).containsExactly(0);
  }

  @Test
  void aThrowInsideTryReachesTheHandler() {
    // 2 try {  3 x = 1  4 throw  5 } catch {  6 use(x)  7 }
    DependenceGraph g = DependenceGraph.of(function(8, vars(""),
        compound(StatementKind.TRY, 2, 7, "", "",
            block(BlockRole.TRY, simple(3, "x", ""), jump(StatementKind.THROW, 4, "")),
            block(BlockRole.CATCH, simple(6, "", "x")))));
    assertThat(g.dataDependencesOfLine(6)).containsExactly(3);
  }
}
