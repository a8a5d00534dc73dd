package dev.rescue.kb;

import dev.rescue.index.lucene.LuceneIndexStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.Hit;
import dev.rescue.model.CweEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled KB is generated into the build's classes at process-classes, so tests see it. */
class KbLoaderTest {
  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private KbLoader loader() {
    return new KbLoader(new LuceneIndexStores(), BgeSmallEmbedder.instance(), dir.resolve("cache"), log::add);
  }

  @Test
  void noKbGivenMeansTheBundledOneWithItsShippedIndex() {
    try (LoadedKb loaded = loader().load(List.of())) {
      assertThat(loaded.labels()).containsExactly("bundled");
      assertThat(loaded.kb().cwe("CWE-502")).isPresent();
      assertThat(loaded.kb().cwes()).allSatisfy(c -> assertThat(c.distiller()).isIn("curated", "mitre"));
      assertThat(loaded.index().cwesByApis(List.of("yaml.load"), 4)).extracting(Hit::id).contains("CWE-502");
    }
    assertThat(log).as("the shipped index is current, nothing is re-embedded").isEmpty();
  }

  @Test
  void aFolderOverlaidOnTheBundledKbMergesTheSameCwe() {
    Path ours = dir.resolve("ours");
    KbFolder.write(KbFixtures.small(), ours);
    KnowledgeBase bundled = KbLoader.read("bundled");
    try (LoadedKb loaded = loader().load(List.of("bundled", ours.toString()), "bundled")) {
      CweEntry yaml = loaded.kb().cwe("CWE-502").orElseThrow();
      assertThat(yaml.guideline()).startsWith(bundled.cwe("CWE-502").orElseThrow().guideline())
          .endsWith("Prefer `yaml.safe_load` over `yaml.load` (seen in 1 fix).");
      assertThat(yaml.examples()).contains("ex-yaml", "curated:CWE-502:py");
      assertThat(loaded.kb().examples()).hasSize(bundled.examples().size() + 2);
      assertThat(loaded.index().examplesByApis(List.of("yaml.safe_load"), java.util.Set.of("CWE-502"), null, 50))
          .extracting(Hit::id).contains("ex-yaml", "curated:CWE-502:py");
    }
    assertThat(log).anySatisfy(l -> assertThat(l).contains("indexing the KB"));

    log.clear();
    try (LoadedKb again = loader().load(List.of("bundled", ours.toString()), "bundled")) {
      assertThat(again.index().cwesByApis(List.of("yaml.load"), 4)).extracting(Hit::id).contains("CWE-502");
    }
    assertThat(log).as("the merged index comes from the cache: nothing is embedded again").isEmpty();
  }

  @Test
  void aMergeOfDifferentlyCalibratedKbsIsRefusedUnlessGatesFromNamesOne() {
    Path ours = dir.resolve("ours");
    KbFolder.write(KbFixtures.small(), ours);
    assertThatThrownBy(() -> loader().load(List.of(ours.toString(), "bundled")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ours.toString()).hasMessageContaining("bundled")
        .hasMessageContaining("--gates-from bundled");
    KnowledgeBase bundled = KbLoader.read("bundled");
    assertThat(KbLoader.readMerged(List.of(ours.toString(), "bundled"), "bundled").manifest().gates())
        .isEqualTo(bundled.manifest().gates());
    assertThat(KbLoader.readMerged(List.of(ours.toString(), "bundled"), ours.toString()).manifest().gates())
        .isEqualTo(KbFixtures.small().manifest().gates());
    assertThatThrownBy(() -> KbLoader.readMerged(List.of(ours.toString(), "bundled"), "elsewhere"))
        .hasMessageContaining("--gates-from elsewhere is not one of the KBs merged");
  }

  @Test
  void aKbThatIsNotAFolderIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> KbLoader.read(dir.resolve("nope").toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("bundled");
  }
}
