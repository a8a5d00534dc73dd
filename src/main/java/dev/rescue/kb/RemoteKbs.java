package dev.rescue.kb;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link KbStore}s of one remote engine, named by addresses of one form ({@code solr://...}): the
 * port a remote adapter implements. The composition root hands the engines it wires to {@link
 * KbStores}; the knowledge base never names one.
 */
public interface RemoteKbs {
  /** The address forms this engine takes, for messages ({@code solr://ZK_HOST/COLLECTION}). */
  String forms();

  /**
   * The store at {@code address} for reading; empty when the address is not of this engine's form
   * (decided from the text alone, without connecting).
   *
   * @throws IllegalArgumentException when the address is of this engine's form but malformed
   */
  Optional<KbStore> at(String address);

  /**
   * Like {@link #at}, for a push that creates the collection with {@code shards} x {@code replicas}
   * when it is missing, logging its progress to {@code log}.
   */
  Optional<KbStore> forPush(String address, int shards, int replicas, Consumer<String> log);
}
