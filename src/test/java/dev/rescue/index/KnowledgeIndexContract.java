package dev.rescue.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rescue.embed.Embedder;
import dev.rescue.kb.mitre.MitreLayerAssembler;
import dev.rescue.model.ApiSet;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every index adapter owes its callers, on {@link SampleKnowledgeBase} with a real
 * embedder: the searches of {@link KnowledgeIndex}, and the {@link IndexStore} that writes, tells
 * and opens it. An adapter's test extends this class and says how to make an empty store (a Lucene
 * folder or memory; a remote collection).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KnowledgeIndexContract {
  protected static final String FINGERPRINT = "sample-v1";

  protected Embedder embedder;
  protected KbLayers layers;
  protected IndexStore store;
  protected KnowledgeIndex index;

  /** The embedder the index is built and queried with. */
  protected abstract Embedder embedder();

  /** A store that holds no index yet, of the adapter under test; each call a new one. */
  protected abstract IndexStore emptyStore();

  @BeforeAll
  void buildOnce() {
    embedder = embedder();
    layers = SampleKnowledgeBase.create(embedder.id(), embedder.dimension()).layers();
    store = emptyStore();
    store.write(layers, embedder, FINGERPRINT);
    index = store.open(embedder);
  }

  @AfterAll
  void closeIndex() {
    if (index != null) index.close();
  }

  /** Same vectors, another name: stands for an index made by a different model. */
  protected record RenamedEmbedder(Embedder delegate, String id) implements Embedder {
    @Override public int dimension() { return delegate.dimension(); }
    @Override public float[] embedQuery(String text) { return delegate.embedQuery(text); }
    @Override public float[] embedPassage(String text) { return delegate.embedPassage(text); }
    @Override public List<float[]> embedPassages(List<String> texts) { return delegate.embedPassages(texts); }
  }

  private CodeExample example(String id) {
    return layers.examples().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  // --- the store ---

  @Test
  void theFingerprintGivenAtWriteIsReadBack() {
    assertThat(store.fingerprint()).contains(FINGERPRINT);
    assertThat(store.holds(FINGERPRINT)).isTrue();
    assertThat(store.holds("sample-v2")).isFalse();
  }

  @Test
  void anEmptyStoreHoldsNoIndexAndRefusesToOpen() {
    IndexStore empty = emptyStore();
    assertThat(empty.fingerprint()).isEmpty();
    assertThat(empty.holds(FINGERPRINT)).isFalse();
    assertThatThrownBy(() -> empty.open(embedder)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writingAgainReplacesTheIndexAndItsFingerprint() {
    IndexStore other = emptyStore();
    KbLayers small = new KbLayers(List.of(SampleKnowledgeBase.cwe("CWE-22", "Path Traversal",
        "User input reaches a file path.", Map.of("py", new ApiSet(List.of("open"), List.of())))), List.of());
    other.write(layers, embedder, "old");
    other.write(small, embedder, "new");
    assertThat(other.fingerprint()).contains("new");
    try (KnowledgeIndex reopened = other.open(embedder)) {
      assertThat(ids(reopened.cwesByCause(embedder.embedQuery("anything"), 10))).containsExactly("CWE-22");
    }
  }

  @Test
  void anIndexMadeByAnotherEmbedderIsRefusedNamingBoth() {
    Embedder other = new RenamedEmbedder(embedder, "bge-base-en-v1.5");
    assertThatThrownBy(() -> store.open(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(embedder.id())
        .hasMessageContaining("bge-base-en-v1.5");
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  // --- CWE layer, API facet (BM25) ---

  @Test
  void theDerivedLayersApiNamesLeaveTheCuratedScoresAsWithoutTheLayer() {
    // Two curated CWEs sharing 'open'; a MITRE-derived CWE and example whose API names, in the curated
    // field, would lower the IDF of 'open' and 'subprocess' and change the curated scores.
    List<CweEntry> curated = List.of(
        SampleKnowledgeBase.cwe("CWE-22", "Path Traversal", "User input reaches a file path.",
            Map.of("py", new ApiSet(List.of("open", "os.path.join"), List.of("os.path.realpath")))),
        SampleKnowledgeBase.cwe("CWE-78", "OS Command Injection", "User input reaches a shell command.",
            Map.of("py", new ApiSet(List.of("subprocess.call", "os.system"), List.of("open")))));
    CweEntry derived = new CweEntry("CWE-73", "External Control of File Name or Path", "", "A path from outside.",
        Map.of("py", new ApiSet(List.of("open", "subprocess.call"), List.of())), List.of(), null,
        MitreLayerAssembler.DISTILLER);
    CodeExample derivedExample = new CodeExample("mitre:CWE-73:py:1", "CWE-73", Language.PYTHON, "open(p)", "open(safe(p))",
        List.of("open", "subprocess.call"), List.of(), 0, 0, MitreLayerAssembler.DISTILLER, "open a file");
    List<String> calls = List.of("open", "subprocess.call");
    IndexStore without = emptyStore();
    IndexStore with = emptyStore();
    without.write(new KbLayers(curated, List.of()), embedder, "without");
    List<CweEntry> all = new ArrayList<>(curated);
    all.add(derived);
    with.write(new KbLayers(all, List.of(derivedExample)), embedder, "with");
    try (KnowledgeIndex a = without.open(embedder); KnowledgeIndex b = with.open(embedder)) {
      Map<String, Double> before = scores(a.cwesByApis(calls, 10));
      Map<String, Double> after = scores(b.cwesByApis(calls, 10));
      assertThat(before.keySet()).containsExactlyInAnyOrder("CWE-22", "CWE-78");
      for (String cwe : before.keySet()) assertThat(after.get(cwe)).isCloseTo(before.get(cwe), within(1e-5));
      assertThat(after).containsKey("CWE-73"); // the layer is still found by its API names
      assertThat(ids(b.examplesByApis(calls, Set.of(), null, 10))).containsExactly("mitre:CWE-73:py:1");
    }
  }

  private static Map<String, Double> scores(List<Hit> hits) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (Hit h : hits) out.put(h.id(), h.score());
    return out;
  }

  @Test
  void apiSearchFindsTheCweHoldingYamlLoadByItsQualifiedName() {
    assertThat(ids(index.cwesByApis(List.of("yaml.load"), 4))).first().isEqualTo("CWE-502");
  }

  @Test
  void apiSearchFindsTheCweHoldingYamlLoadByTheMethodNameAlone() {
    assertThat(ids(index.cwesByApis(List.of("load"), 4))).first().isEqualTo("CWE-502");
  }

  @Test
  void apiSearchFindsTheCweHoldingYamlLoadByTheModuleNameAlone() {
    assertThat(ids(index.cwesByApis(List.of("yaml"), 4))).containsExactly("CWE-502");
  }

  @Test
  void apiSearchMatchesAMethodCalledOnAnyReceiver() {
    assertThat(ids(index.cwesByApis(List.of(".execute"), 4))).first().isEqualTo("CWE-89");
  }

  @Test
  void apiSearchMatchesCamelCaseParts() {
    assertThat(ids(index.cwesByApis(List.of("getRuntime"), 4))).first().isEqualTo("CWE-78");
  }

  @Test
  void apiSearchScoresArePositiveAndBestFirst() {
    List<Hit> hits = index.cwesByApis(List.of("os.system", "yaml.load", "cursor.execute"), 4);
    assertThat(hits).hasSize(3);
    for (int i = 0; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isPositive();
      if (i > 0) assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
  }

  @Test
  void apiSearchWithUnknownOrNoApisFindsNothing() {
    assertThat(index.cwesByApis(List.of("frobnicate"), 4)).isEmpty();
    assertThat(index.cwesByApis(List.of(), 4)).isEmpty();
    assertThat(index.cwesByApis(List.of(" ", "()"), 4)).isEmpty();
  }

  // --- CWE layer, cause facet (dense) ---

  @Test
  void causeSearchRanksTheRelevantCauseAboveUnrelatedOnes() {
    float[] q = embedder.embedQuery("The program builds an SQL statement from a user-supplied name by string concatenation.");
    List<Hit> hits = index.cwesByCause(q, 4);
    assertThat(ids(hits)).first().isEqualTo("CWE-89");
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
  }

  @Test
  void causeSearchFindsDeserialisationForAnUnsafeYamlTask() {
    float[] q = embedder.embedQuery("Unsafe deserialization of an uploaded YAML or pickle file can execute attacker code.");
    assertThat(ids(index.cwesByCause(q, 4))).first().isEqualTo("CWE-502");
  }

  @Test
  void causeSearchReturnsEveryCweWithinTheLimitBestFirst() {
    List<Hit> hits = index.cwesByCause(embedder.embedQuery("write a web page"), 10);
    assertThat(ids(hits)).containsExactlyInAnyOrder("CWE-502", "CWE-89", "CWE-78", "CWE-79");
    assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    assertThat(index.cwesByCause(embedder.embedQuery("write a web page"), 2)).hasSize(2);
    assertThat(index.cwesByCause(embedder.embedQuery("write a web page"), 0)).isEmpty();
  }

  // --- CWE layer, cause facet by passage ---

  @Test
  void passageSearchScoresEachCweByItsBestPassage() {
    CweEntry many = SampleKnowledgeBase.cwe("CWE-22", "Path Traversal",
        "A handler opens a file whose name the user gives: a download route, an avatar upload, a log viewer. "
            + "The path is not checked against a base folder, so ../ reaches any file.", Map.of());
    CweEntry one = SampleKnowledgeBase.cwe("CWE-89", "SQL Injection", "Building SQL queries by concatenating user input.", Map.of());
    IndexStore passages = emptyStore();
    passages.write(new KbLayers(List.of(many, one), List.of()), embedder, FINGERPRINT);
    float[] q = embedder.embedQuery("show the log file the user picks");
    try (KnowledgeIndex opened = passages.open(embedder)) {
      List<Hit> hits = opened.cwesByCausePassage(q, 10);

      assertThat(ids(hits)).containsExactly("CWE-22", "CWE-89"); // one hit per CWE, best first
      assertThat(CausePassages.of(many)).hasSizeGreaterThan(2);
      assertThat(hits.get(0).score()).isCloseTo(bestCosine(q, CausePassages.of(many)), within(1e-4));
      assertThat(hits.get(1).score()).isCloseTo(bestCosine(q, CausePassages.of(one)), within(1e-4));
      // the matching situation alone is nearer the task than the whole paragraph is
      assertThat(hits.get(0).score()).isGreaterThan(opened.cwesByCause(q, 1).get(0).score());
      assertThat(opened.cwesByCausePassage(q, 1)).extracting(Hit::id).containsExactly("CWE-22");
      assertThat(opened.cwesByCausePassage(q, 0)).isEmpty();
    }
  }

  private double bestCosine(float[] query, List<String> texts) {
    double best = Double.NEGATIVE_INFINITY;
    for (String t : texts) best = Math.max(best, cosine(query, embedder.embedPassage(t)));
    return best;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void denseScoresAreRawCosineNotRescaled() {
    // Lucene's vector scores are (1 + cos) / 2, never negative; a raw cosine is -1 for the opposite vector.
    float[] code = embedder.embedPassage(example("ex-79-js").vulnerable());
    float[] opposite = new float[code.length];
    for (int i = 0; i < code.length; i++) opposite[i] = -code[i];
    Hit same = index.examplesByCode(code, Set.of("CWE-79"), null, 1).get(0);
    Hit reversed = index.examplesByCode(opposite, Set.of("CWE-79"), null, 1).get(0);
    assertThat(same.score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(reversed.score()).isNegative().isGreaterThanOrEqualTo(-1.0);
  }

  @Test
  void queryVectorOfAnotherDimensionIsRefused() {
    assertThatThrownBy(() -> index.cwesByCause(new float[embedder.dimension() + 1], 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(embedder.dimension()));
  }

  // --- code layer ---

  @Test
  void exampleCauseSearchUsesTheDescription() {
    float[] q = embedder.embedQuery("ping a network host whose name the user typed");
    assertThat(ids(index.examplesByCause(q, Set.of(), Language.PYTHON, 3))).first().isEqualTo("ex-78-py");
  }

  @Test
  void exampleWithoutDescriptionIsFoundThroughItsCwesCause() {
    float[] q = embedder.embedQuery("SQL query built by concatenating user input");
    assertThat(ids(index.examplesByCause(q, Set.of(), Language.JAVA, 2))).first().isEqualTo("ex-89-java");
  }

  @Test
  void languageFilterKeepsOnlyThatLanguage() {
    float[] q = embedder.embedQuery("run a command");
    assertThat(ids(index.examplesByCause(q, Set.of(), Language.JAVA, 10))).containsExactlyInAnyOrder("ex-89-java", "ex-78-java");
    assertThat(ids(index.examplesByApis(List.of("exec", "executeQuery", "os.system"), Set.of(), Language.JAVA, 10)))
        .containsExactlyInAnyOrder("ex-89-java", "ex-78-java");
    assertThat(index.examplesByCause(q, Set.of(), Language.GO, 10)).isEmpty();
  }

  @Test
  void cweFilterKeepsOnlyThoseCwes() {
    float[] code = embedder.embedPassage("os.system('ls ' + path)");
    assertThat(ids(index.examplesByCode(code, Set.of("CWE-89", "cwe-079"), null, 10)))
        .containsExactlyInAnyOrder("ex-89-py", "ex-89-java", "ex-79-js");
    // ex-89-java matches through "execute", a part of its executeQuery; ex-78-py (os.system) is filtered out.
    assertThat(ids(index.examplesByApis(List.of("os.system", "cursor.execute"), Set.of("CWE-89"), null, 10)))
        .containsExactly("ex-89-py", "ex-89-java");
  }

  @Test
  void cweAndLanguageFiltersCombine() {
    float[] q = embedder.embedQuery("ping a host");
    assertThat(ids(index.examplesByCause(q, Set.of("CWE-78"), Language.PYTHON, 10))).containsExactly("ex-78-py");
  }

  @Test
  void codeSearchFindsTheExampleWhoseCodeIsClosest() {
    float[] draft = embedder.embedPassage("data = yaml.load(open(path))");
    assertThat(ids(index.examplesByCode(draft, Set.of(), null, 3))).first().isEqualTo("ex-502-py");
  }

  @Test
  void exampleApiSearchFindsExamplesByApiParts() {
    assertThat(ids(index.examplesByApis(List.of("safe_load"), Set.of(), null, 5))).containsExactly("ex-502-py");
    assertThat(ids(index.examplesByApis(List.of("innerHTML"), Set.of(), Language.JAVASCRIPT, 5))).containsExactly("ex-79-js");
  }

  @Test
  void negativeLimitIsRefused() {
    assertThatThrownBy(() -> index.cwesByApis(List.of("yaml.load"), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void concurrentSearchesGiveTheSameAnswersAsSequentialOnes() throws Exception {
    float[] q = embedder.embedQuery("attacker controlled shell command");
    List<Hit> expectedCause = index.cwesByCause(q, 4);
    List<Hit> expectedApi = index.examplesByApis(List.of("os.system", "yaml.load"), Set.of(), null, 5);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Callable<Boolean> task = () -> index.cwesByCause(q, 4).equals(expectedCause)
            && index.examplesByApis(List.of("os.system", "yaml.load"), Set.of(), null, 5).equals(expectedApi);
        results.add(pool.submit(task));
      }
      for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
