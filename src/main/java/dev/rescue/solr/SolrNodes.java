package dev.rescue.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.Utils;

/**
 * The live Solr nodes of a cluster and a request sent to one of them. Any node answers for a whole
 * collection (it fans a query out to a replica of every shard), so a request goes to the next live
 * node in turn and, when that node cannot be reached or answers 5xx, to the one after.
 *
 * <p>Why not SolrJ's {@code CloudSolrClient}: in SolrJ 9 it runs on Jetty 10's HTTP client, and
 * Jetty 10 cannot share a classpath with the Jetty 11 that {@code rescue serve} runs on. {@link
 * HttpJdkSolrClient} speaks to Solr over {@code java.net.http}; ZooKeeper (for {@code solr://}
 * addresses) only tells which nodes are live.
 */
final class SolrNodes implements AutoCloseable {
  private static final int CONNECT_SECONDS = 10;
  private static final int REQUEST_SECONDS = 120;

  private final SolrAddress address;
  private final ZkClientClusterStateProvider zk;
  private final Map<String, HttpJdkSolrClient> clients = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  private SolrNodes(SolrAddress address, ZkClientClusterStateProvider zk) {
    this.address = address;
    this.zk = zk;
  }

  static SolrNodes connect(SolrAddress address) {
    if (!address.viaZooKeeper()) return new SolrNodes(address, null);
    ZkClientClusterStateProvider zk = new ZkClientClusterStateProvider(address.zkHosts(), address.chroot().orElse(null));
    try {
      zk.setZkConnectTimeout((int) TimeUnit.SECONDS.toMillis(CONNECT_SECONDS));
      zk.connect();
      return new SolrNodes(address, zk);
    } catch (RuntimeException e) {
      closeQuietly(zk);
      throw new IllegalStateException("cannot reach ZooKeeper " + String.join(",", address.zkHosts())
          + address.chroot().orElse("") + " for " + address + ": " + message(e), e);
    }
  }

  /** Base URLs of the live nodes, in a stable order; the given ones for an HTTP address. */
  List<String> liveNodes() {
    if (zk == null) return address.nodeUrls();
    String scheme = zk.getClusterProperty("urlScheme", "http");
    List<String> urls = new ArrayList<>();
    for (String node : new TreeSet<>(zk.getLiveNodes())) urls.add(Utils.getBaseUrlForNodeName(node, scheme));
    return urls;
  }

  /**
   * Sends {@code request} (for {@code collection}, or the node itself when null) to a live node,
   * trying the others when one is down.
   */
  NamedList<Object> request(SolrRequest<?> request, String collection) {
    List<String> nodes = liveNodes();
    if (nodes.isEmpty()) throw new IllegalStateException("no live Solr node in " + address);
    int start = Math.floorMod(next.getAndIncrement(), nodes.size());
    RuntimeException last = null;
    for (int i = 0; i < nodes.size(); i++) {
      String url = nodes.get((start + i) % nodes.size());
      try {
        return client(url).request(request, collection);
      } catch (SolrServerException | IOException e) {
        last = new UncheckedIOException(new IOException(url + ": " + message(e), e));
      } catch (SolrException e) {
        if (e.code() < 500) throw new IllegalStateException(address + " (" + url + ") refused the request: " + message(e), e);
        last = e;
      }
    }
    throw new IllegalStateException("no Solr node of " + address + " answered: " + message(last), last);
  }

  private HttpJdkSolrClient client(String url) {
    return clients.computeIfAbsent(url, u -> new HttpJdkSolrClient.Builder(u)
        .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
        .withRequestTimeout(REQUEST_SECONDS, TimeUnit.SECONDS)
        .build());
  }

  @Override
  public void close() {
    for (HttpJdkSolrClient c : clients.values()) closeQuietly(c);
    clients.clear();
    if (zk != null) closeQuietly(zk);
  }

  static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
    String m = t.getMessage();
    if (m == null) return t.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing a client that failed: nothing left to release
    }
  }
}
