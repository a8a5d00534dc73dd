package dev.rescue.analysis.slicing;

import static dev.rescue.analysis.slicing.Models.function;
import static dev.rescue.analysis.slicing.Models.simple;
import static dev.rescue.analysis.slicing.Models.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.analysis.FunctionModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidirectionalSlicerTest {
  // A chain a -> b -> c -> d -> e -> f (each line uses the previous line's variable), plus an
  // unrelated statement that uses a (a sibling of b).
  private final FunctionModel chain = function(10, vars(""),
      simple(2, "a", ""),
      simple(3, "b", "a"),
      simple(4, "c", "b"),
      simple(5, "d", "c"),
      simple(6, "e", "d"),
      simple(7, "f", "e"),
      simple(8, "g", "a"));

  @Test
  void twoHopsKeepTwoDependencesEachWayFromThePointOfInterest() {
    DependenceGraph g = DependenceGraph.of(chain);
    assertThat(new BidirectionalSlicer(2).sliceLines(g, List.of(4))).containsExactly(2, 3, 4, 5, 6);
  }

  @Test
  void oneHopKeepsOnlyDirectNeighbours() {
    DependenceGraph g = DependenceGraph.of(chain);
    assertThat(new BidirectionalSlicer(1).sliceLines(g, List.of(4))).containsExactly(3, 4, 5);
  }

  @Test
  void directionsAreNotMixedSoASiblingOfADependeeIsLeftOut() {
    DependenceGraph g = DependenceGraph.of(chain);
    assertThat(new BidirectionalSlicer(3).sliceLines(g, List.of(3))).doesNotContain(8);
  }

  @Test
  void zeroHopsKeepOnlyThePointsOfInterest() {
    DependenceGraph g = DependenceGraph.of(chain);
    assertThat(new BidirectionalSlicer(0).sliceLines(g, List.of(5, 9))).containsExactly(5, 9);
  }

  @Test
  void aParameterInTheSliceKeepsTheSignature() {
    DependenceGraph g = DependenceGraph.of(function(4, vars("p"), simple(2, "x", "p"), simple(3, "", "")));
    assertThat(new BidirectionalSlicer(1).sliceLines(g, List.of(2))).containsExactly(1, 2);
  }

  @Test
  void negativeHopsAreRejected() {
    assertThatThrownBy(() -> new BidirectionalSlicer(-1)).hasMessageContaining("hops");
  }
}
