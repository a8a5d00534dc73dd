package dev.rescue.solr;

import dev.rescue.kb.KbStore;
import dev.rescue.kb.RemoteKbs;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Knowledge bases kept on SolrCloud, as {@code --kb} names them ({@link SolrAddress}): the Solr
 * adapter of the {@link RemoteKbs} port. A remote KB is read back whole (manifest, CWE entries,
 * examples) and answered from its collection ({@link SolrIndexStore}).
 */
public final class SolrKbs implements RemoteKbs {
  @Override
  public String forms() {
    return "solr://ZK_HOST:PORT[/CHROOT]/COLLECTION or http://HOST:PORT/solr/COLLECTION";
  }

  @Override
  public Optional<KbStore> at(String address) {
    return SolrAddress.isAddress(address) ? Optional.of(SolrIndexStore.at(address)) : Optional.empty();
  }

  @Override
  public Optional<KbStore> forPush(String address, int shards, int replicas, Consumer<String> log) {
    return SolrAddress.isAddress(address)
        ? Optional.of(new SolrIndexStore(SolrAddress.parse(address), shards, replicas, log))
        : Optional.empty();
  }
}
