package dev.rescue.solr;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.IndexStore;
import dev.rescue.index.KbLayers;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.model.CodeExample;
import dev.rescue.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Retrieval latency and index size, Lucene against SolrCloud (2 nodes, 2 shards x 2 replicas), for
 * the bundled KB and for a KB scaled to SCALE examples, in one run (a benchmark, not a test). A
 * "retrieval" is the five index searches one task costs (CWEs by cause and by APIs, examples by
 * cause, APIs and code), with the query vectors of the development tasks embedded beforehand, so the
 * figures are the index's, not the model's.
 *
 * <p>The scaled KB is the bundled KB's real examples repeated as variants (a new id, the code with a
 * variant comment appended). Embedding 200,000 examples with the bundled model takes hours on two
 * cores, so a variant's vectors are its original's plus small deterministic noise (norm ~0.05):
 * realistic near-duplicates for the index, not new embeddings.
 *
 * <p>Run (the test classpath, with Jetty 10 in place of javalin's Jetty 11, as the 'solrcloud'
 * surefire execution has it):
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * CP=$(tr ':' '\n' &lt; /tmp/cp.txt | grep -v -e '/jetty/.*11\.0' -e '/websocket/' -e '/javalin/' | paste -sd:)
 * J10=$(find ~/.m2/repository/org/eclipse/jetty -name '*-10.0.26.jar' | paste -sd:)
 * java -Xmx8g -Drescue.shared=../shared -cp target/test-classes:target/classes:$CP:$J10:$(find ~/.m2 -name jetty-servlet-api-4.0.6.jar) \
 *     dev.rescue.solr.SolrScaleBenchmark [SCALE] [RUNS]
 * </pre>
 *
 * <p>SCALE 200000 with RUNS 100 took 45 minutes on the 2-core machine while it was shared (load
 * average 11-31), at most 11.6 GB resident (heap 8 GB, plus the index files mapped): writing the indexes (HNSW graphs of two vector
 * fields on 2 x 2 Solr cores) and the exact scans of the queries are the time; embedding is not, as
 * the variants reuse their originals' vectors. It is a main class, not a test: {@code mvn verify}
 * never runs it.
 */
public final class SolrScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int scale = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Embedder embedder = BgeSmallEmbedder.instance();
    KnowledgeBase bundled = KbLoader.read(KbLoader.BUNDLED);
    List<Query> queries = queries(embedder, bundled, runs);
    System.out.printf(Locale.ROOT, "%d queries from development tasks; cluster of %d nodes, collections of 2 shards x 2 replicas%n",
        queries.size(), SolrTestCluster.NODES);
    measure("bundled", bundled.layers(), embedder, queries);
    measure("scaled", scaled(bundled, scale), new VariantEmbedder(embedder), queries);
    SolrTestCluster.get().shutdown();
    System.exit(0);
  }

  private record Query(float[] cause, float[] code, List<String> apis) {}

  private static void measure(String name, KbLayers layers, Embedder embedder, List<Query> queries) throws Exception {
    Path dir = Files.createTempDirectory("bench-lucene");
    long t0 = System.nanoTime();
    IndexStore lucene = new LuceneIndexStores().folder(dir);
    lucene.write(layers, embedder, name);
    double luceneBuild = (System.nanoTime() - t0) / 1e9;
    System.err.printf(Locale.ROOT, "%s: Lucene index of %,d examples written in %.1f s%n", name, layers.examples().size(), luceneBuild);
    String collection = "bench-" + name;
    IndexStore solr = new SolrIndexStore(SolrAddress.parse(SolrTestCluster.zkSpec(collection)), 2, 2, line -> {});
    t0 = System.nanoTime();
    solr.write(layers, embedder, name);
    double solrBuild = (System.nanoTime() - t0) / 1e9;
    System.err.printf(Locale.ROOT, "%s: SolrCloud collection written in %.1f s%n", name, solrBuild);
    try (KnowledgeIndex l = lucene.open(embedder); KnowledgeIndex s = solr.open(embedder)) {
      double[] lp = latencies(l, queries);
      double[] sp = latencies(s, queries);
      long solrBytes = solrBytes(collection);
      System.out.printf(Locale.ROOT, "%-8s %,9d examples | Lucene: build %6.1f s, index %8.1f MB, retrieval p50 %7.2f ms p95 %7.2f ms"
              + " | SolrCloud: build %6.1f s, index %8.1f MB (all 4 replicas; %.1f MB per copy), retrieval p50 %7.2f ms p95 %7.2f ms%n",
          name, layers.examples().size(), luceneBuild, bytes(dir) / 1e6, lp[0], lp[1],
          solrBuild, solrBytes / 1e6, solrBytes / 2e6, sp[0], sp[1]);
    }
  }

  /** p50 and p95 in ms of one retrieval's five searches, after a warm-up pass. */
  private static double[] latencies(KnowledgeIndex index, List<Query> queries) {
    for (Query q : queries.subList(0, Math.min(20, queries.size()))) retrieve(index, q);
    List<Double> ms = new ArrayList<>();
    for (Query q : queries) {
      long t = System.nanoTime();
      retrieve(index, q);
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    return new double[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1)};
  }

  private static void retrieve(KnowledgeIndex index, Query q) {
    index.cwesByCause(q.cause(), 4);
    index.cwesByApis(q.apis(), 4);
    index.examplesByCause(q.cause(), Set.of(), null, 8);
    index.examplesByApis(q.apis(), Set.of(), null, 8);
    index.examplesByCode(q.code(), Set.of(), null, 8);
  }

  private static List<Query> queries(Embedder embedder, KnowledgeBase kb, int runs) throws Exception {
    List<Task> tasks = SolrCloudRetrievalTest.developmentTasks();
    List<CodeExample> examples = new ArrayList<>(kb.examples());
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < Math.min(runs, tasks.size()); i++) {
      Task t = tasks.get(i);
      String text = t.task().isBlank() ? t.code() : t.task();
      // APIs of a real example stand in for the draft's calls
      CodeExample e = examples.get(i % examples.size());
      out.add(new Query(embedder.embedQuery(text), embedder.embedPassage(t.code() != null ? t.code() : text), e.apis()));
    }
    return out;
  }

  private static KbLayers scaled(KnowledgeBase kb, int scale) {
    List<CodeExample> base = new ArrayList<>(kb.examples());
    List<CodeExample> out = new ArrayList<>(scale);
    for (int i = 0; i < scale; i++) {
      CodeExample e = base.get(i % base.size());
      int v = i / base.size();
      out.add(v == 0 ? e : new CodeExample(e.id() + "~" + v, e.cwe(), e.language(), variant(e.vulnerable(), v),
          variant(e.secure(), v), e.apis(), e.poi(), e.hops(), e.tokens(), e.source(), e.description()));
    }
    return new KbLayers(kb.cwes(), out);
  }

  private static final String MARK = "\n// variant ";

  private static String variant(String code, int v) {
    return code == null || code.isBlank() ? code : code + MARK + v;
  }

  /** Real vectors for real texts; a variant's are its original's plus noise seeded by the variant. */
  private record VariantEmbedder(Embedder real, Map<String, float[]> cache) implements Embedder {
    VariantEmbedder(Embedder real) {
      this(real, new HashMap<>());
    }

    @Override public String id() { return real.id(); }
    @Override public int dimension() { return real.dimension(); }
    @Override public float[] embedQuery(String text) { return real.embedQuery(text); }
    @Override public float[] embedPassage(String text) { return embedPassages(List.of(text)).get(0); }

    @Override
    public synchronized List<float[]> embedPassages(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String text : texts) {
        int mark = text.lastIndexOf(MARK);
        String original = mark < 0 ? text : text.substring(0, mark);
        float[] v = cache.computeIfAbsent(original, real::embedPassage).clone();
        if (mark >= 0) {
          Random noise = new Random(text.hashCode());
          for (int i = 0; i < v.length; i++) v[i] += (float) (noise.nextGaussian() * 0.05 / Math.sqrt(v.length));
        }
        out.add(v);
      }
      return out;
    }
  }

  private static long solrBytes(String collection) throws Exception {
    try (Stream<Path> cores = Files.walk(SolrTestCluster.get().getBaseDir(), 3)) {
      long sum = 0;
      for (Path core : cores.filter(p -> p.getFileName().toString().startsWith(collection + "_shard")).toList()) {
        sum += bytes(core.resolve("data"));
      }
      return sum;
    }
  }

  private static long bytes(Path dir) throws Exception {
    if (!Files.exists(dir)) return 0;
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
