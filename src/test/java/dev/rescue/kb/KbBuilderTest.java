package dev.rescue.kb;

import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.testing.Requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.analysis.ApiExtractor;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.kb.distill.DistillationException;
import dev.rescue.kb.distill.Distiller;
import dev.rescue.kb.distill.RulesDistiller;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kb build end to end on a few real SVEN pairs: real reader, slicer, front-ends, embedder and index. */
class KbBuilderTest {
  static final Path DATA = Path.of(System.getProperty("rescue.shared", "../shared"), "data");
  @TempDir Path dir;

  /** The first {@code n} lines of two SVEN files, as a small source folder. */
  static Path subset(Path into, int n) throws Exception {
    Path sven = DATA.resolve("safecoder/sven/train");
    Requires.data(sven);
    Path src = Files.createDirectories(into.resolve("src"));
    for (String f : List.of("cwe-022.jsonl", "cwe-078.jsonl")) {
      Files.write(src.resolve(f), Files.readAllLines(sven.resolve(f)).subList(0, n));
    }
    Files.writeString(src.resolve("broken.jsonl"), "{\"not\": \"a pair\"}\n");
    return src;
  }

  @Test
  void buildsAnIndexedKbFromRealPairsReportingTheBadLine() throws Exception {
    Path src = subset(dir, 4);
    Path catalogFile = DATA.resolve("cwe/cwec_v4.14.xml");
    MitreCatalog catalog = Files.isRegularFile(catalogFile) ? MitreCatalog.read(catalogFile) : null;
    List<String> failures = new ArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override
      public void failure(String what, String why) {
        failures.add(what + ": " + why);
      }
    };
    Path out = dir.resolve("kb");
    KbBuilder.Result r = new KbBuilder(new RulesDistiller(ApiExtractor::apiCalls, catalog), BgeSmallEmbedder.instance(), new LuceneIndexStores(), ApiExtractor::apiCalls, 2, 2, listener)
        .build(List.of(KbSource.parse("safecoder:" + src)), out);

    assertThat(r.failures()).singleElement().asString().contains("broken.jsonl:1");
    assertThat(failures).hasSize(1);
    KnowledgeBase kb = KbFolder.read(out);
    assertThat(kb.cwes()).extracting(CweEntry::cwe).containsExactly("CWE-22", "CWE-78");
    assertThat(kb.examples()).hasSize(8).allSatisfy(e -> {
      assertThat(e.secure()).isNotBlank();
      assertThat(e.tokens()).isPositive();
      assertThat(e.source()).isNotBlank();
    });
    assertThat(kb.examples()).extracting(CodeExample::id).contains("cwe-022.jsonl:1");
    CweEntry cwe22 = kb.cwe("CWE-22").orElseThrow();
    assertThat(cwe22.distiller()).isEqualTo("rules");
    assertThat(cwe22.guideline()).isNotBlank();
    assertThat(cwe22.examples()).hasSize(4);
    if (catalog != null) assertThat(cwe22.name()).startsWith("Improper Limitation of a Pathname");
    assertThat(kb.manifest().sources()).singleElement().satisfies(s -> assertThat(s.sha256()).hasSize(64));
    assertThat(kb.manifest().embedder().id()).isEqualTo(BgeSmallEmbedder.ID);
    assertThat(Files.isDirectory(out.resolve("index"))).isTrue();
    assertThat(kb.manifest().files()).as("the manifest covers the index").containsKey("index/segments_1");
    try (var index = new KbIndexes(new LuceneIndexStores(), dir.resolve("cache"),
        line -> failures.add("rebuilt: " + line)).openFolder(kb, out, BgeSmallEmbedder.instance())) {
      assertThat(index.cwesByCause(BgeSmallEmbedder.instance().embedQuery("read a file whose name the user gives"), 2))
          .isNotEmpty();
    }
    assertThat(failures).as("the index written by the build is current").hasSize(1);
  }

  @Test
  void aCweThatFailsToDistilIsReportedAndTheOthersAreBuilt() throws Exception {
    Path src = subset(dir, 2);
    Distiller rules = new RulesDistiller(ApiExtractor::apiCalls, null);
    Distiller flaky = (cwe, inputs) -> {
      if (cwe.equals("CWE-78")) throw new DistillationException("CWE-78: the model answered nonsense");
      return rules.distill(cwe, inputs);
    };
    KbBuilder.Result r = new KbBuilder(flaky, BgeSmallEmbedder.instance(), new LuceneIndexStores(), ApiExtractor::apiCalls, 2, 2, BuildListener.SILENT)
        .build(List.of(KbSource.parse("safecoder:" + src)), dir.resolve("kb"));
    assertThat(r.failures()).anySatisfy(f -> assertThat(f).contains("CWE-78: the model answered nonsense"));
    assertThat(r.kb().cwes()).extracting(CweEntry::cwe).containsExactly("CWE-22");
    assertThat(r.kb().examples()).allSatisfy(e -> assertThat(e.cwe()).isEqualTo("CWE-22"));
  }

  /** The bundled embedder until {@code passages} texts were embedded, then a failure: a build dying mid-indexing. */
  static Embedder failingAfter(int passages) {
    Embedder real = BgeSmallEmbedder.instance();
    AtomicInteger left = new AtomicInteger(passages);
    return new Embedder() {
      @Override public String id() { return real.id(); }
      @Override public int dimension() { return real.dimension(); }
      @Override public float[] embedQuery(String text) { return real.embedQuery(text); }
      @Override public float[] embedPassage(String text) {
        if (left.decrementAndGet() < 0) throw new IllegalStateException("killed during indexing");
        return real.embedPassage(text);
      }
      @Override public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) out.add(embedPassage(t));
        return out;
      }
    };
  }

  @Test
  void aBuildThatDiesWhileIndexingLeavesNoFolderThatLoads() throws Exception {
    Path src = subset(dir, 2);
    Path out = dir.resolve("kb");
    assertThatThrownBy(() -> new KbBuilder(new RulesDistiller(ApiExtractor::apiCalls, null), failingAfter(3), new LuceneIndexStores(),
        ApiExtractor::apiCalls, 2, 1, null).build(List.of(KbSource.parse("safecoder:" + src)), out))
        .hasMessageContaining("killed during indexing");

    assertThat(out).doesNotExist();
    assertThatThrownBy(() -> KbLoader.read(out.toString())).isInstanceOf(IllegalArgumentException.class);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no staging folder left behind").containsOnly("src");
    }
  }

  @Test
  void aRebuildThatDiesLeavesThePreviousKbAsItWas() throws Exception {
    Path src = subset(dir, 1);
    Path out = dir.resolve("kb");
    new KbBuilder(new RulesDistiller(ApiExtractor::apiCalls, null), BgeSmallEmbedder.instance(), new LuceneIndexStores(), ApiExtractor::apiCalls,
        2, 1, null).build(List.of(KbSource.parse("safecoder:" + src)), out);
    String before = KbFingerprint.of(KbFolder.read(out));

    Path more = subset(dir.resolve("more"), 2);
    assertThatThrownBy(() -> new KbBuilder(new RulesDistiller(ApiExtractor::apiCalls, null), failingAfter(3), new LuceneIndexStores(),
        ApiExtractor::apiCalls, 2, 1, null).build(List.of(KbSource.parse("safecoder:" + more)), out))
        .hasMessageContaining("killed during indexing");

    assertThat(KbFingerprint.of(KbFolder.read(out))).isEqualTo(before);
  }

  @Test
  void aNonEmptyFolderThatIsNotAKbIsNeverOverwritten() throws Exception {
    Path src = subset(dir, 1);
    Files.writeString(dir.resolve("precious.txt"), "keep me");
    assertThatThrownBy(() -> new KbBuilder(new RulesDistiller(ApiExtractor::apiCalls, null), BgeSmallEmbedder.instance(), new LuceneIndexStores(), ApiExtractor::apiCalls, 2, 1, null)
        .build(List.of(KbSource.parse("safecoder:" + src)), dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a KB");
  }
}
