package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.model.Facet;
import dev.rescue.pipeline.PipelineOptions;
import dev.rescue.pipeline.RetrieverKind;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalMethodTest {
  @Test
  void methodsParseInOrderWithoutRepeats() {
    assertThat(EvalMethod.parseAll(List.of("none,baseline", "rescue", "none"))).extracting(EvalMethod::name)
        .containsExactly("none", "baseline", "rescue");
  }

  @Test
  void eachAblationChangesOnlyItsOwnSwitchOnNewValues() {
    PipelineOptions base = PipelineOptions.defaults().withTopP(0.95);
    assertThat(EvalMethod.parse("rescue-no-guideline").options(base))
        .isEqualTo(base.withGuidelines(false));
    assertThat(EvalMethod.parse("rescue-no-examples").options(base)).isEqualTo(base.withExamples(false));
    assertThat(EvalMethod.parse("rescue-no-api").options(base).facets()).containsExactlyInAnyOrder(Facet.CAUSE, Facet.CODE);
    assertThat(EvalMethod.parse("rescue-no-cause").options(base).facets()).containsExactlyInAnyOrder(Facet.API, Facet.CODE);
    assertThat(EvalMethod.parse("rescue-no-code").options(base).facets()).containsExactlyInAnyOrder(Facet.CAUSE, Facet.API);
    assertThat(EvalMethod.parse("rescue").options(base)).isEqualTo(base);
    assertThat(base).isEqualTo(PipelineOptions.defaults().withTopP(0.95));
    assertThat(EvalMethod.parse("baseline").retriever()).isEqualTo(RetrieverKind.BASELINE);
    assertThat(EvalMethod.parse("none").direct()).isTrue();
    assertThat(EvalMethod.parse("rescue-whole-function").wholeFunctionKb()).isTrue();
  }

  @Test
  void leavingOutTheOnlyFacetIsAnErrorNamingTheMethod() {
    PipelineOptions onlyApi = PipelineOptions.defaults().withFacets(EnumSet.of(Facet.API));
    assertThatThrownBy(() -> EvalMethod.parse("rescue-no-api").options(onlyApi))
        .hasMessageContaining("rescue-no-api").hasMessageContaining("no facet");
  }

  @Test
  void anUnknownMethodListsTheKnownOnes() {
    assertThatThrownBy(() -> EvalMethod.parse("rescue-no-slices"))
        .hasMessageContaining("'rescue-no-slices'").hasMessageContaining("rescue-no-guideline");
  }

  @Test
  void theRepairMethodsAreTheBaselineWithoutRetrievalAndRescueWithGuidance() {
    EvalMethod repair = EvalMethod.parse("repair");
    EvalMethod rescueRepair = EvalMethod.parse("Rescue+Repair");
    assertThat(repair.repair()).isTrue();
    assertThat(repair.direct()).isTrue();
    assertThat(repair.repairGuidance()).isFalse();
    assertThat(rescueRepair.name()).isEqualTo("rescue+repair");
    assertThat(rescueRepair.retriever()).isEqualTo(RetrieverKind.RESCUE);
    assertThat(rescueRepair.repairGuidance()).isTrue();
    assertThat(EvalMethod.parse("rescue").repair()).isFalse();
    assertThat(EvalMethod.parse("none").repairGuidance()).isFalse();
    PipelineOptions base = PipelineOptions.defaults().withTopP(0.95);
    assertThat(rescueRepair.options(base)).isEqualTo(base);
  }
}
