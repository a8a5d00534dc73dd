package dev.rescue.kb.mitre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.kb.KbJson;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CweEntry;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MitreLayerAssemblerTest {
  private static final String CURATED_787 = "Check every index against the destination's capacity before writing;"
      + " in C++ prefer std::vector and .at() for indexes taken from input, and write strings with snprintf.";

  private static KnowledgeBase curated() {
    CweEntry e787 = new CweEntry("CWE-787", "Out-of-bounds Write", CURATED_787, "Writing past a buffer.",
        Map.of("c", new ApiSet(List.of("strcpy"), List.of("snprintf"))), List.of(), Provenance.none(), "curated");
    KbManifest m = new KbManifest(KbManifest.FORMAT_VERSION, "2026-01-01T00:00:00Z",
        List.of(new KbManifest.Source("curated:cwe-787.yaml", "0".repeat(64))),
        new KbManifest.EmbedderInfo("e", 3), FusionPolicy.paperDefaults(), Map.of(), Map.of());
    return new KnowledgeBase(m, List.of(e787), List.of());
  }

  private static MitreLayer.Entry entry(String cwe, List<String> fallback, String guideline, String other,
      List<MitreLayer.Example> examples) {
    return new MitreLayer.Entry(cwe, "name of " + cwe, List.of("test"), "Base", fallback.isEmpty() ? List.of() : fallback.subList(0, 1),
        fallback, guideline, other, "cause of " + cwe, List.of(), Map.of(), examples);
  }

  private static MitreLayer.Entry withAbstraction(MitreLayer.Entry e, String abstraction) {
    return selectedBy(new MitreLayer.Entry(e.cwe(), e.name(), e.selectedBy(), abstraction, e.parents(), e.fallback(),
        e.guideline(), e.otherGuideline(), e.cause(), e.observed(), e.apis(), e.examples()), "top25-parent");
  }

  private static MitreLayer.Entry selectedBy(MitreLayer.Entry e, String... sources) {
    return new MitreLayer.Entry(e.cwe(), e.name(), List.of(sources), e.abstraction(), e.parents(), e.fallback(),
        e.guideline(), e.otherGuideline(), e.cause(), e.observed(), e.apis(), e.examples());
  }

  private static KnowledgeBase assemble(MitreLayer.Entry... entries) {
    MitreLayer layer = new MitreLayer("CWE List 4.14 (2024-02-29)", "a".repeat(64), MitreNotice.TEXT, List.of(entries));
    return MitreLayerAssembler.under(curated(), layer, new KbManifest.Source("mitre:" + MitreLayer.FILE, "b".repeat(64)));
  }

  @Test
  void curatedEntriesWinAndTheRestOfTheLayerIsAddedUnderThem() {
    KnowledgeBase kb = assemble(
        entry("CWE-787", List.of("CWE-119"), "MITRE's own advice on out-of-bounds writes, long enough to stand alone"
            + " without any help from a parent: bound every write by the destination size and check it.", "", List.of()),
        entry("CWE-123", List.of("CWE-787"), "", "Use a memory-safe language.", List.of()));
    assertThat(kb.cwe("CWE-787").orElseThrow().guideline()).isEqualTo(CURATED_787);
    assertThat(kb.cwe("CWE-787").orElseThrow().distiller()).isEqualTo("curated");
    assertThat(kb.cwe("CWE-123").orElseThrow().distiller()).isEqualTo(MitreLayerAssembler.DISTILLER);
    assertThat(kb.cwes()).hasSize(2);
    assertThat(kb.manifest().sources()).extracting(KbManifest.Source::name)
        .containsExactly("curated:cwe-787.yaml", "mitre:mitre-cwe-layer.yaml");
  }

  @Test
  void aChildWithoutGuidanceTakesItsNearestGuidedAncestorsCuratedOneFirst() {
    KnowledgeBase kb = assemble(
        entry("CWE-788", List.of("CWE-787", "CWE-119"), "", "Design advice of 788.", List.of()),
        entry("CWE-121", List.of("CWE-788", "CWE-787"), "Implement and perform bounds checking on input.", "", List.of()),
        entry("CWE-14", List.of("CWE-733"), "", "Store secrets in memory the compiler cannot optimise away.", List.of()));
    // empty own guideline: the nearest ancestor with one (788 has none of its own, 787 is curated)
    assertThat(kb.cwe("CWE-788").orElseThrow().guideline()).isEqualTo(CURATED_787);
    // thin own guideline: kept first, the ancestor's follows
    assertThat(kb.cwe("CWE-121").orElseThrow().guideline())
        .startsWith("Implement and perform bounds checking on input.").contains("std::vector");
    // no guided ancestor: the other phases' advice
    assertThat(kb.cwe("CWE-14").orElseThrow().guideline()).isEqualTo("Store secrets in memory the compiler cannot optimise away.");
  }

  @Test
  void broadEntriesAreNotRetrievedButTheirDescendantsStillFallBackToTheirGuidance() {
    String classAdvice = "Restrict which classes may be deserialised or loaded, with an allowlist checked before use.";
    KnowledgeBase kb = assemble(
        withAbstraction(entry("CWE-913", List.of("CWE-664"), classAdvice, "", List.of()), "Class"),
        withAbstraction(entry("CWE-664", List.of(), "Control every resource through its lifetime.", "", List.of()), "Pillar"),
        withAbstraction(entry("CWE-470", List.of("CWE-913", "CWE-664"), "", "", List.of()), "Base"),
        withAbstraction(entry("CWE-680", List.of("CWE-190"), "Check the size computation before allocating.", "", List.of()), "Compound"));
    assertThat(kb.cwe("CWE-913")).isEmpty();
    assertThat(kb.cwe("CWE-664")).isEmpty();
    assertThat(kb.cwe("CWE-470").orElseThrow().guideline()).isEqualTo(classAdvice);
    assertThat(kb.cwe("CWE-680")).isPresent();
    assertThat(kb.cwes()).extracting(CweEntry::cwe).containsExactlyInAnyOrder("CWE-787", "CWE-470", "CWE-680");
  }

  @Test
  void aClassThatAScannerReportsOrAHeldOutSetLabelsIsRetrievedAPillarNever() {
    KnowledgeBase kb = assemble(
        selectedBy(withAbstraction(entry("CWE-330", List.of("CWE-693"), "Use a CSPRNG.", "", List.of()), "Class"), "bandit"),
        selectedBy(withAbstraction(entry("CWE-185", List.of("CWE-697"), "Anchor the pattern.", "", List.of()), "Class"),
            "held-out-misses", "top25-parent"),
        selectedBy(withAbstraction(entry("CWE-913", List.of("CWE-664"), "Allowlist classes.", "", List.of()), "Class"),
            "top25-parent", "top25-child"),
        selectedBy(withAbstraction(entry("CWE-664", List.of(), "Control every resource.", "", List.of()), "Pillar"), "cppcheck"));
    assertThat(kb.cwes()).extracting(CweEntry::cwe).containsExactlyInAnyOrder("CWE-787", "CWE-330", "CWE-185");
  }

  @Test
  void everyMitreEntryCarriesMitresNoticeAndExamplesBecomeParallelPairs() throws Exception {
    var example = new MitreLayer.Example("c", "Copy a name into a local buffer",
        "char buf[24];\nstrcpy(buf, s);", "char buf[24];\nsnprintf(buf, sizeof buf, \"%s\", s);");
    KnowledgeBase kb = assemble(entry("CWE-121", List.of("CWE-787"), "", "", List.of(example)));
    CweEntry e = kb.cwe("CWE-121").orElseThrow();
    assertThat(e.provenance().notice()).startsWith("Derived from MITRE's CWE List 4.14 (2024-02-29).")
        .contains("The MITRE Corporation").contains(MitreNotice.TERMS_URL);
    assertThat(e.examples()).containsExactly("mitre:CWE-121:c");
    var x = kb.example("mitre:CWE-121:c").orElseThrow();
    assertThat(x.poi()).containsExactly(2);
    assertThat(x.apis()).contains("strcpy", "snprintf");
    assertThat(x.source()).isEqualTo("mitre");
    // the notice is written into cwes.jsonl; entries without one keep the bytes they had before the field
    assertThat(KbJson.mapper().writeValueAsString(e)).contains("\"notice\":\"Derived from MITRE's");
    assertThat(KbJson.mapper().writeValueAsString(Provenance.none()))
        .isEqualTo("{\"pairs\":[],\"commits\":[],\"summaries\":[]}");
    assertThat(KbJson.mapper().readValue(KbJson.mapper().writeValueAsString(e), CweEntry.class)).isEqualTo(e);
  }
}
