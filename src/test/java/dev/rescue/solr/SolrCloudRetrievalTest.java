package dev.rescue.solr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rescue.Rescue;
import dev.rescue.cli.RescueCommand;
import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.kb.LoadedKb;
import dev.rescue.model.Language;
import dev.rescue.model.ScoredCwe;
import dev.rescue.model.ScoredExample;
import dev.rescue.model.Task;
import dev.rescue.pipeline.RetrievalResult;
import dev.rescue.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bundled KB pushed with {@code rescue kb push} to a collection of 2 shards x 2 replicas on the
 * 2-node cluster, and retrieval through the whole pipeline against it and against the Lucene index
 * shipped in the jar, on the development tasks (SafeCoder's validation descriptions, MBPP's prompts
 * as code): the same top-4 CWEs and examples for at least 99% of them, and answers still when a node
 * is down.
 */
@Tag("solrcloud")
@Tag("model")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCloudRetrievalTest {
  /** The shared data beside the clone (-Drescue.shared=DIR for a checkout that has none beside it). */
  static final Path DATA = Path.of(System.getProperty("rescue.shared", "../shared"), "data");
  private static final String COLLECTION = "bundled-kb";
  private static final int TOP = 4;

  /** Cached: the two pipelines embed the same task texts, and only the indexes are compared. */
  private final Embedder embedder = new CachingEmbedder(BgeSmallEmbedder.instance(), 4096);
  private String spec;
  private LoadedKb lucene;
  private LoadedKb solr;
  private List<Task> tasks;

  @BeforeAll
  void pushTheBundledKb() throws Exception {
    tasks = developmentTasks();
    spec = SolrTestCluster.zkSpec(COLLECTION);
    StringWriter log = new StringWriter();
    int code = cli(log, "kb", "push", "--kb", "bundled", "--to", spec, "--shards", "2", "--replicas", "2");
    assertThat(code).as(log.toString()).isZero();
    lucene = SolrTestCluster.loader(embedder).load(List.of());
    solr = SolrTestCluster.loader(embedder).load(List.of(spec));
  }

  @AfterAll
  void close() {
    if (lucene != null) lucene.close();
    if (solr != null) solr.close();
  }

  private static int cli(StringWriter out, String... args) {
    var cl = RescueCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  @Order(1)
  void theKbReadBackFromTheCollectionIsTheBundledOne() {
    assertThat(solr.kb().cwes()).containsExactlyElementsOf(lucene.kb().cwes());
    assertThat(solr.kb().examples()).containsExactlyElementsOf(lucene.kb().examples());
    assertThat(solr.kb().gates()).isEqualTo(lucene.kb().gates());
  }

  @Test
  @Order(2)
  void theSameTop4CwesAndExamplesAsLuceneForAtLeast99PercentOfTheDevelopmentTasks() throws Exception {
    Rescue l = Rescue.builder().knowledgeBase(lucene.kb(), lucene.index()).embedder(embedder).build();
    Rescue s = Rescue.builder().knowledgeBase(solr.kb(), solr.index()).embedder(embedder).build();
    int same = 0;
    int withCwes = 0;
    List<String> differing = new ArrayList<>();
    // tasks in parallel (Rescue is thread-safe): a Solr retrieval waits on five round trips, which
    // other tasks' work fills; every task is still compared, in order
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RetrievalResult[]>> results = new ArrayList<>();
      for (Task t : tasks) results.add(pool.submit(() -> new RetrievalResult[] {l.context(t), s.context(t)}));
      for (int i = 0; i < tasks.size(); i++) {
        RetrievalResult[] r = results.get(i).get();
        RetrievalResult a = r[0];
        RetrievalResult b = r[1];
        if (!a.cwes().isEmpty()) withCwes++;
        if (top(a).equals(top(b))) same++;
        else differing.add(tasks.get(i).id() + ": lucene " + top(a) + " solr " + top(b));
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("SolrCloud vs Lucene: same top-%d CWEs and examples for %d of %d development tasks (%d with CWEs)%n",
        TOP, same, tasks.size(), withCwes);
    differing.forEach(d -> System.out.println("  differs: " + d));
    assertThat(withCwes).as("tasks retrieving any CWE (the comparison must not be all empty)").isGreaterThan(50);
    assertThat((double) same / tasks.size()).as("agreement; differing: %s", differing).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  @Order(3)
  void theCliAnswersFromTheCollection() {
    StringWriter out = new StringWriter();
    int code = cli(out, "context", "--kb", spec, "Write a Flask endpoint that loads a YAML config uploaded by the user");
    System.out.println("rescue context --kb " + spec + ":\n" + out);
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("CWE-502");
  }

  @Test
  @Order(4)
  void checkFindsWithTheCollectionWhatItFindsWithTheLocalKb() throws Exception {
    // a CWEval reference that runs a shell command on its argument: the KB's rules flag it
    String file = Requires.data(DATA.resolve("cweval/benchmark/core/py/cwe_078_0_test.py")).toString();
    StringWriter local = new StringWriter();
    int localCode = cli(local, "check", "--tools", "kb", "--json", "--kb", "bundled", file);
    StringWriter remote = new StringWriter();
    int remoteCode = cli(remote, "check", "--tools", "kb", "--json", "--kb", spec, file);
    assertThat(localCode).as(local.toString()).isEqualTo(1);
    assertThat(local.toString()).contains("\"cwe\" : \"CWE-78\"");
    assertThat(remoteCode).as(remote.toString()).isEqualTo(localCode);
    assertThat(remote.toString()).isEqualTo(local.toString());
  }

  @Test
  @Order(5)
  void aRemoteKbIsNotMergedWithAnother() {
    StringWriter out = new StringWriter();
    int code = cli(out, "check", "--tools", "kb", "--language", "py", "--kb", spec, "--kb", "bundled", "-");
    assertThat(code).as(out.toString()).isEqualTo(2);
    assertThat(out.toString()).contains("--kb " + spec).contains("cannot be merged");
  }

  @Test
  @Order(6)
  void queriesAreStillAnsweredAfterANodeIsStopped() throws Exception {
    MiniSolrCloudCluster cluster = SolrTestCluster.get();
    Rescue l = Rescue.builder().knowledgeBase(lucene.kb(), lucene.index()).embedder(embedder).build();
    List<Task> sample = tasks.subList(0, 20);
    JettySolrRunner stopped = cluster.stopJettySolrRunner(0);
    try {
      cluster.waitForJettyToStop(stopped);
      // the index opened before the stop, and one opened after it, both answer as Lucene does
      try (LoadedKb after = SolrTestCluster.loader(embedder).load(List.of(spec))) {
        for (LoadedKb kb : List.of(solr, after)) {
          Rescue s = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).build();
          for (Task t : sample) assertThat(top(s.context(t))).as(t.id()).isEqualTo(top(l.context(t)));
        }
      }
    } finally {
      cluster.startJettySolrRunner(stopped);
      cluster.waitForActiveCollection(COLLECTION, 60, TimeUnit.SECONDS, 2, 4);
    }
  }

  private static List<String> top(RetrievalResult r) {
    List<String> ids = new ArrayList<>();
    r.cwes().stream().limit(TOP).map(ScoredCwe::entry).forEach(c -> ids.add(c.cwe()));
    ids.add("|");
    r.examples().stream().limit(TOP).map(ScoredExample::example).forEach(e -> ids.add(e.id()));
    return ids;
  }

  /** SafeCoder's validation descriptions and MBPP's prompts (as code), from the shared data. */
  static List<Task> developmentTasks() throws Exception {
    Path val = Requires.data(DATA.resolve("safecoder/safecoder/val/sec-desc.jsonl"));
    Path mbpp = Requires.data(DATA.resolve("benign/mbpp"));
    ObjectMapper json = new ObjectMapper();
    List<Task> out = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(val)) {
      line++;
      if (l.isBlank()) continue;
      JsonNode n = json.readTree(l);
      Language language = Language.fromFileName(n.path("file_name").asText()).orElse(null);
      out.add(new Task("sec-desc:" + line, n.path("description").asText(), null, language));
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (Stream<Path> files = Files.list(mbpp)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode n = yaml.readTree(f.toFile());
        out.add(new Task(n.path("name").asText(), "", n.path("prompt").asText(), Language.PYTHON));
      }
    }
    return out;
  }
}
