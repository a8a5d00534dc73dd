package dev.rescue.solr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a knowledge base lives on a Solr cluster: {@code solr://ZK_HOST[:PORT][,ZK2...][/CHROOT]/COLLECTION}
 * (the cluster's ZooKeeper ensemble, which tells the live Solr nodes) or
 * {@code http[s]://HOST:PORT/solr[,HOST2:PORT/solr]/COLLECTION} (Solr nodes themselves, tried in turn).
 *
 * @param zkHosts the ensemble, empty for the HTTP form
 * @param chroot the ZooKeeper chroot ({@code /solr} on many clusters), empty when none
 * @param nodeUrls Solr base URLs ({@code http://host:8983/solr}), empty for the ZooKeeper form
 */
public record SolrAddress(String spec, List<String> zkHosts, Optional<String> chroot, List<String> nodeUrls,
    String collection) {
  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\[\\]:-]+");

  public SolrAddress {
    zkHosts = List.copyOf(zkHosts);
    nodeUrls = List.copyOf(nodeUrls);
  }

  /** Whether {@code spec} names a Solr collection rather than a KB folder. */
  public static boolean isAddress(String spec) {
    return spec != null && (spec.startsWith("solr://") || spec.startsWith("http://") || spec.startsWith("https://"));
  }

  /**
   * Parses an address.
   *
   * @throws IllegalArgumentException naming the address and what is wrong with it
   */
  public static SolrAddress parse(String spec) {
    if (!isAddress(spec)) throw bad(spec, "give solr://ZK_HOST:PORT/COLLECTION or http://HOST:PORT/solr/COLLECTION");
    return spec.startsWith("solr://") ? zookeeper(spec) : http(spec);
  }

  public boolean viaZooKeeper() {
    return !zkHosts.isEmpty();
  }

  @Override
  public String toString() {
    return spec;
  }

  private static SolrAddress zookeeper(String spec) {
    String rest = spec.substring("solr://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0) throw bad(spec, "no ZooKeeper host before the collection");
    String hosts = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    List<String> zk = new ArrayList<>();
    for (String h : hosts.split(",")) {
      if (h.isBlank() || !HOST_PORT.matcher(h).matches()) throw bad(spec, "'" + h + "' is not a HOST:PORT");
      zk.add(h.contains(":") ? h : h + ":2181");
    }
    int last = path.lastIndexOf('/');
    String collection = last < 0 ? path : path.substring(last + 1);
    Optional<String> chroot = last <= 0 ? Optional.empty() : Optional.of("/" + path.substring(0, last));
    return new SolrAddress(spec, zk, chroot, List.of(), checkCollection(spec, collection));
  }

  private static SolrAddress http(String spec) {
    String trimmed = spec.endsWith("/") ? spec.substring(0, spec.length() - 1) : spec;
    int last = trimmed.lastIndexOf('/');
    String collection = trimmed.substring(last + 1);
    String scheme = spec.substring(0, spec.indexOf("://"));
    if (last <= scheme.length() + 3) throw bad(spec, "no collection after the Solr base URL such as http://host:8983/solr");
    String nodes = trimmed.substring(scheme.length() + 3, last);
    List<String> urls = new ArrayList<>();
    for (String node : nodes.split(",")) {
      String url = scheme + "://" + node;
      try {
        URI uri = new URI(url);
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
          throw bad(spec, "'" + url + "' is not a Solr base URL such as http://host:8983/solr");
        }
      } catch (URISyntaxException e) {
        throw bad(spec, "'" + url + "' is not a URL: " + e.getReason());
      }
      urls.add(url);
    }
    return new SolrAddress(spec, List.of(), Optional.empty(), urls, checkCollection(spec, collection));
  }

  private static String checkCollection(String spec, String collection) {
    if (!COLLECTION.matcher(collection).matches()) {
      throw bad(spec, "'" + collection + "' is not a collection name (letters, digits, '.', '_', '-')");
    }
    return collection;
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("Solr address " + spec + ": " + why);
  }
}
