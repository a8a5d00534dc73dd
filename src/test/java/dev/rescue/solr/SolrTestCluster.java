package dev.rescue.solr;

import dev.rescue.KbEngines;
import dev.rescue.embed.Embedder;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * One SolrCloud cluster for the whole 'solrcloud' test execution: Solr's own MiniSolrCloudCluster with
 * its embedded ZooKeeper, 2 nodes, started on first use and shut down when the JVM exits. Starting a
 * cluster costs seconds, so test classes share it; each uses collections of its own.
 */
public final class SolrTestCluster {
  public static final int NODES = 2;
  private static MiniSolrCloudCluster cluster;

  private SolrTestCluster() {}

  public static synchronized MiniSolrCloudCluster get() {
    if (cluster == null) {
      try {
        Path dir = Files.createTempDirectory("solrcloud");
        cluster = new MiniSolrCloudCluster.Builder(NODES, dir).withMetrics(false).build();
        MiniSolrCloudCluster started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.shutdown();
          } catch (Exception ignored) {
            // the JVM is exiting
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start MiniSolrCloudCluster: " + e, e);
      }
    }
    return cluster;
  }

  /**
   * Runs the cluster as a process of its own until killed, printing its ZooKeeper address, for
   * trying {@code bin/rescue kb push --to solr://...} by hand (classpath: see {@code SolrScaleBenchmark}).
   */
  public static void main(String[] args) throws Exception {
    System.out.println("SolrCloud up: solr://" + get().getZkServer().getZkAddress() + "/COLLECTION, nodes "
        + get().getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString()).toList());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** A loader as the CLI has it (Lucene, and SolrCloud for its addresses), with an index cache of its own. */
  public static KbLoader loader(Embedder embedder) {
    try {
      return new KbLoader(KbEngines.standard(), embedder, Files.createTempDirectory("index-cache"), line -> {});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code kb} pushed to {@code spec} as {@code rescue kb push} does, in {@code shards} x {@code replicas}. */
  public static void push(KnowledgeBase kb, String spec, Embedder embedder, int shards, int replicas) {
    new SolrKbs().forPush(spec, shards, replicas, line -> {}).orElseThrow().push(kb, embedder);
  }

  /** {@code solr://ZK/COLLECTION}: ZooKeeper's address (with the cluster's chroot) and a collection. */
  public static String zkSpec(String collection) {
    return "solr://" + get().getZkServer().getZkAddress() + "/" + collection;
  }

  /** {@code http://NODE/solr/COLLECTION} of the first node. */
  public static String httpSpec(String collection) {
    return get().getJettySolrRunners().get(0).getBaseUrl() + "/" + collection;
  }
}
