package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbFolderTest {
  @TempDir Path dir;

  @Test
  void aWrittenFolderReadsBackEqual() {
    KnowledgeBase kb = KbFixtures.small();
    KbFolder.write(kb, dir);
    KnowledgeBase back = KbFolder.read(dir);

    assertThat(List.copyOf(back.cwes())).isEqualTo(List.copyOf(kb.cwes()));
    assertThat(List.copyOf(back.examples())).isEqualTo(List.copyOf(kb.examples()));
    assertThat(back.manifest().gates()).isEqualTo(kb.manifest().gates());
    assertThat(back.manifest().embedder()).isEqualTo(kb.manifest().embedder());
    assertThat(back.manifest().sources()).isEqualTo(kb.manifest().sources());
    assertThat(back.manifest().counts()).containsEntry("cwes", 2).containsEntry("examples", 2);
    assertThat(back.manifest().files()).containsOnlyKeys(KbFolder.CWES, KbFolder.EXAMPLES);
    assertThat(KbFingerprint.of(back)).isEqualTo(KbFingerprint.of(kb));
  }

  @Test
  void filesUseTheSnakeCaseFieldsOfTheDesign() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    JsonNode cwe = KbJson.mapper().readTree(Files.readAllLines(dir.resolve(KbFolder.CWES)).get(0));
    assertThat(cwe.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("cwe", "name", "guideline", "cause", "apis", "examples", "provenance", "distiller");
    assertThat(cwe.at("/apis/py/risky/0").asText()).isEqualTo("yaml.load");
    JsonNode ex = KbJson.mapper().readTree(Files.readAllLines(dir.resolve(KbFolder.EXAMPLES)).get(0));
    assertThat(ex.fieldNames()).toIterable().contains("id", "cwe", "language", "vulnerable", "secure", "apis", "poi",
        "hops", "tokens", "source");
    assertThat(ex.get("language").asText()).isEqualTo("py");
    JsonNode manifest = KbJson.mapper().readTree(dir.resolve(KbFolder.MANIFEST).toFile());
    assertThat(manifest.fieldNames()).toIterable()
        .contains("format_version", "created", "sources", "embedder", "gates", "counts", "files");
    assertThat(manifest.at("/gates/tau_cause").asDouble()).isEqualTo(0.75);
    assertThat(manifest.at("/files/cwes.jsonl").asText()).hasSize(64);
  }

  @Test
  void aChangedByteInCwesJsonlIsRefusedNamingTheFile() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    Path cwes = dir.resolve(KbFolder.CWES);
    byte[] bytes = Files.readAllBytes(cwes);
    int at = new String(bytes, StandardCharsets.UTF_8).indexOf("safe_load");
    bytes[at] = 'S';
    Files.write(cwes, bytes);

    assertThatThrownBy(() -> KbFolder.read(dir))
        .isInstanceOf(KbFormatException.class)
        .hasMessageContaining("cwes.jsonl")
        .hasMessageContaining("does not match the sha256");
  }

  @Test
  void aMissingDataFileIsRefusedNamingIt() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    Files.delete(dir.resolve(KbFolder.EXAMPLES));
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("examples.jsonl is missing");
  }

  @Test
  void aFolderWithoutManifestIsNotAKb() {
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("has no manifest.json");
  }

  @Test
  void calibratedGatesRewriteTheManifestWithoutChangingTheFingerprint() {
    KnowledgeBase written = KbFolder.write(KbFixtures.small(), dir);
    KbManifest m = written.manifest();
    KbFolder.writeManifest(new KbManifest(m.formatVersion(), m.created(), m.sources(), m.embedder(),
        m.gates().withTaus(0.6, 3.0, 0.5), m.counts(), m.files()), dir);
    KnowledgeBase back = KbFolder.read(dir);
    assertThat(back.manifest().gates().tauCause()).isEqualTo(0.6);
    assertThat(KbFingerprint.of(back)).isEqualTo(KbFingerprint.of(written));
  }

  @Test
  void aLearnedFusionTravelsWithTheManifestAndAnOlderManifestWithoutOneStillReads() throws Exception {
    KnowledgeBase written = KbFolder.write(KbFixtures.small(), dir);
    dev.rescue.model.FusionModel model = new dev.rescue.model.FusionModel("learned", List.of("cause", "prevalence"),
        List.of(3.5, 1.25));
    KbFolder.writeManifest(written.manifest().withFusion(model), dir);
    assertThat(KbFolder.read(dir).manifest().fusion()).isEqualTo(model);

    removeKey(null, "fusion"); // as a manifest written before the key existed
    assertThat(KbFolder.read(dir).manifest().fusion()).isNull();
  }

  @Test
  void aMalformedLearnedFusionIsRefusedNamingTheKey() throws Exception {
    KnowledgeBase written = KbFolder.write(KbFixtures.small(), dir);
    KbFolder.writeManifest(written.manifest().withFusion(
        new dev.rescue.model.FusionModel("rrf", List.of("cause"), List.of(2.0))), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"weights\"", "\"weigths\"");
    assertThatThrownBy(() -> KbFolder.read(dir)).isInstanceOf(KbFormatException.class)
        .hasMessageContaining("fusion: unknown key 'weigths'");
  }

  private static void edit(Path file, String from, String to) throws Exception {
    String s = Files.readString(file);
    assertThat(s).contains(from);
    Files.writeString(file, s.replace(from, to));
  }

  @Test
  void aRenamedManifestKeyIsRefusedNamingItInsteadOfDefaultingToZero() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"alpha\"", "\"alpah\"");
    assertThatThrownBy(() -> KbFolder.read(dir)).isInstanceOf(KbFormatException.class)
        .hasMessageContaining("manifest.json").hasMessageContaining("gates: unknown key 'alpah'");
  }

  private void removeKey(String object, String key) throws Exception {
    Path file = dir.resolve(KbFolder.MANIFEST);
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) KbJson.mapper().readTree(file.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) (object == null ? tree : tree.get(object))).remove(key);
    Files.writeString(file, tree.toPrettyString());
  }

  @Test
  void aKeyMissingFromTheGatesIsNamedInsteadOfDefaultingToZero() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    removeKey("gates", "prevalence_weight");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("gates: missing key 'prevalence_weight'");
    KbFolder.write(KbFixtures.small(), dir);
    removeKey("gates", "alpha");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("gates: missing key 'alpha'");
  }

  @Test
  void aMissingTopLevelKeyIsNamed() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    removeKey(null, "embedder");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("missing key 'embedder'");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsPath() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"alpha\" : 60.0", "\"alpha\" : \"60\"");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("gates.alpha: expected a number, found a string (\"60\")");
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"rank_cap\" : 10", "\"rank_cap\" : 10.5");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("gates.rank_cap: expected an integer");
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"dimension\" : 384", "\"dimension\" : null");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("embedder.dimension: expected an integer, found null");
  }

  @Test
  void anUnknownTopLevelKeyIsRefused() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"format_version\" : 1,", "\"format_version\" : 1, \"signature\": \"x\",");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("unknown key 'signature'");
  }

  @Test
  void aNewerFormatVersionIsReportedAsSuchNotAsUnknownKeys() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"format_version\" : 1,", "\"format_version\" : 9, \"new_thing\": 1,");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("format version 9");
  }

  @Test
  void aFolderWrittenWithItsIndexListsEveryIndexFileAndReadsBack() {
    KnowledgeBase written = KbFolder.write(KbFixtures.small(), dir, new dev.rescue.index.lucene.LuceneIndexStores(), dev.rescue.embed.onnx.BgeSmallEmbedder.instance());
    assertThat(written.manifest().files()).containsKeys(KbFolder.CWES, KbFolder.EXAMPLES, "index/segments_1")
        .doesNotContainKey("index/write.lock");
    assertThat(KbFolder.read(dir).manifest()).isEqualTo(written.manifest());
  }

  @Test
  void oneChangedByteInAnIndexFileIsRefusedNamingIt() throws Exception {
    KbFolder.write(KbFixtures.small(), dir, new dev.rescue.index.lucene.LuceneIndexStores(), dev.rescue.embed.onnx.BgeSmallEmbedder.instance());
    Path cfs = dir.resolve("index/_0.cfs");
    byte[] bytes = Files.readAllBytes(cfs);
    bytes[bytes.length / 2] ^= 1;
    Files.write(cfs, bytes);
    assertThatThrownBy(() -> KbFolder.read(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index/_0.cfs does not match the sha256");
  }

  @Test
  void anIndexFileTheManifestDoesNotListIsRefusedNamingIt() throws Exception {
    KbFolder.write(KbFixtures.small(), dir, new dev.rescue.index.lucene.LuceneIndexStores(), dev.rescue.embed.onnx.BgeSmallEmbedder.instance());
    // a later commit point would make Lucene open unlisted segments
    Files.copy(dir.resolve("index/segments_1"), dir.resolve("index/segments_2"));
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("index/segments_2 is not listed");
  }

  @Test
  void aManifestEntryOutsideTheFolderIsRefused() throws Exception {
    KbFolder.write(KbFixtures.small(), dir);
    edit(dir.resolve(KbFolder.MANIFEST), "\"files\" : {", "\"files\" : { \"../outside\" : \"00\",");
    assertThatThrownBy(() -> KbFolder.read(dir)).hasMessageContaining("'../outside'");
  }

  @Test
  void aRenamedFieldInADataLineIsRefusedNamingTheLine() throws Exception {
    KnowledgeBase kb = KbFixtures.small();
    KbFolder.write(kb, dir);
    // rewrite the line and its hash, as a hand edit that also updated the manifest would
    Path cwes = dir.resolve(KbFolder.CWES);
    Files.writeString(cwes, Files.readString(cwes).replace("\"guideline\"", "\"guidline\""));
    Path manifest = dir.resolve(KbFolder.MANIFEST);
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) KbJson.mapper().readTree(manifest.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("files")).put(KbFolder.CWES, Sha256.of(cwes));
    Files.writeString(manifest, tree.toPrettyString());

    assertThatThrownBy(() -> KbFolder.read(dir)).isInstanceOf(KbFormatException.class)
        .hasMessageContaining("cwes.jsonl line 1").hasMessageContaining("'guideline'");
  }
}
