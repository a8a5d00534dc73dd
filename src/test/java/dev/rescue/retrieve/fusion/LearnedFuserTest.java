package dev.rescue.retrieve.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.index.Hit;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Facet;
import dev.rescue.model.FusionModel;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Language;
import dev.rescue.model.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedFuserTest {
  // cause gate 0.5, API gate 4.0, rank cap 10
  private static final FusionPolicy POLICY = FusionPolicy.paperDefaults().withTaus(0.5, 4.0, 0.65);

  private static CweEntry entry(String cwe, String lang) {
    return new CweEntry(cwe, cwe, "g", "c", Map.of(lang, new ApiSet(List.of("f"), List.of())), List.of(),
        Provenance.none(), "curated");
  }

  private static final KnowledgeBase KB = new KnowledgeBase(
      new KbManifest(KbManifest.FORMAT_VERSION, "2026-01-01T00:00:00Z", List.of(), new KbManifest.EmbedderInfo("e", 3),
          POLICY, Map.of(), Map.of()),
      // CWE-79 is MITRE's most prevalent weakness; CWE-1333 is outside the Top 25
      List.of(entry("CWE-79", "js"), entry("CWE-1333", "py"), entry("CWE-89", "py")), List.of());

  private final LearnedFuser fuser = new LearnedFuser(new FusionFeatures(KB));

  private static FusionModel model(String... nameWeight) {
    List<Double> w = new ArrayList<>(FusionFeatures.NAMES.stream().map(n -> 0.0).toList());
    for (int i = 0; i < nameWeight.length; i += 2) {
      w.set(FusionFeatures.NAMES.indexOf(nameWeight[i]), Double.parseDouble(nameWeight[i + 1]));
    }
    return new FusionModel("learned", FusionFeatures.NAMES, w);
  }

  private static Map<Facet, List<Hit>> cause(Hit... hits) {
    return Map.of(Facet.CAUSE, List.of(hits));
  }

  @Test
  void theWeightsDecideTheOrderAndTheScoresAreProbabilities() {
    Map<Facet, List<Hit>> lists = cause(new Hit("CWE-1333", 0.80), new Hit("CWE-79", 0.78), new Hit("CWE-89", 0.60));

    List<Fused> bySimilarity = fuser.fuse(lists, POLICY, null, model("cause", "10"));
    List<Fused> withPrior = fuser.fuse(lists, POLICY, null, model("cause", "10", "prevalence", "5"));

    assertThat(bySimilarity).extracting(Fused::id).containsExactly("CWE-1333", "CWE-79", "CWE-89");
    assertThat(withPrior.get(0).id()).isEqualTo("CWE-79");
    assertThat(withPrior.stream().mapToDouble(Fused::score).sum()).isCloseTo(1.0, within(1e-9));
    // softmax of 10 * (0.80, 0.78, 0.60): the first two about equal, the third far below
    assertThat(bySimilarity.get(0).score()).isCloseTo(Math.exp(8.0) / (Math.exp(8.0) + Math.exp(7.8) + Math.exp(6.0)),
        within(1e-9));
  }

  @Test
  void abstainsExactlyWhenTheGatedRrfAbstains() {
    Map<Facet, List<Hit>> below = cause(new Hit("CWE-1333", 0.45), new Hit("CWE-79", 0.40));

    assertThat(new GatedRrfFuser().fuse(below, POLICY)).isEmpty();
    assertThat(fuser.fuse(below, POLICY, null, model("prevalence", "100"))).isEmpty();
    assertThat(fuser.candidates(below, POLICY, Language.PYTHON)).isEmpty();
  }

  @Test
  void aCandidateTheCauseGateCutCanStillWinOnOtherEvidence() {
    // CWE-79 is within the rank cap but below the cause gate: RRF drops it, the learned fusion weighs it
    Map<Facet, List<Hit>> lists = cause(new Hit("CWE-1333", 0.60), new Hit("CWE-79", 0.48));

    assertThat(new GatedRrfFuser().fuse(lists, POLICY)).extracting(Fused::id).containsExactly("CWE-1333");
    assertThat(fuser.fuse(lists, POLICY, null, model("cause", "1", "prevalence", "3")))
        .extracting(Fused::id).containsExactly("CWE-79", "CWE-1333");
  }

  @Test
  void theLanguageFeatureFavoursCwesTheKbKnowsInTheTasksLanguage() {
    Map<Facet, List<Hit>> lists = cause(new Hit("CWE-79", 0.70), new Hit("CWE-89", 0.69));
    FusionModel m = model("cause", "1", "language", "2");

    assertThat(fuser.fuse(lists, POLICY, Language.PYTHON, m).get(0).id()).isEqualTo("CWE-89");
    assertThat(fuser.fuse(lists, POLICY, Language.JAVASCRIPT, m).get(0).id()).isEqualTo("CWE-79");
  }

  @Test
  void theApiFacetsAgreementCounts() {
    Map<Facet, List<Hit>> lists = Map.of(
        Facet.CAUSE, List.of(new Hit("CWE-1333", 0.70), new Hit("CWE-89", 0.69)),
        Facet.API, List.of(new Hit("CWE-89", 6.0)));
    Map<String, double[]> x = new FusionFeatures(KB).vectors(new GatedRrfFuser().facetScores(lists, POLICY), POLICY, null);
    double[] sql = x.get("CWE-89");

    assertThat(sql[FusionFeatures.NAMES.indexOf("api")]).isCloseTo(Math.log1p(6.0), within(1e-12));
    assertThat(sql[FusionFeatures.NAMES.indexOf("api_passed")]).isEqualTo(1.0);
    assertThat(sql[FusionFeatures.NAMES.indexOf("agree")]).isEqualTo(1.0);
    assertThat(x.get("CWE-1333")[FusionFeatures.NAMES.indexOf("agree")]).isEqualTo(0.0);
    // both facets first or second: RRF (1/62 + 1/61) times 61
    assertThat(sql[FusionFeatures.NAMES.indexOf("rrf")]).isCloseTo((1.0 / 62 + 1.0 / 61) * 61, within(1e-12));
  }

  @Test
  void refusesWeightsTrainedOnOtherFeatures() {
    FusionModel other = new FusionModel("learned", List.of("cause", "shoe_size"), List.of(1.0, 2.0));

    assertThatThrownBy(() -> fuser.fuse(cause(new Hit("CWE-79", 0.9)), POLICY, null, other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoe_size").hasMessageContaining("rescue fusion train");
  }
}
