package dev.rescue.kb;

import dev.rescue.index.IndexStores;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which store serves a {@code --kb} value, the one home of that rule: {@code bundled} and KB folders
 * are read from this machine and indexed with the {@code local} engine; an address that one of the
 * {@code remotes} takes ({@code solr://ZK/COLLECTION}) is a KB kept whole on that engine, read and
 * answered from there. A remote KB is used alone: merging needs the entries indexed locally.
 */
public record KbStores(IndexStores local, List<RemoteKbs> remotes) {
  public KbStores {
    Objects.requireNonNull(local, "local");
    remotes = List.copyOf(remotes);
  }

  /** Folders and {@code bundled} only, indexed with {@code local}. */
  public static KbStores local(IndexStores local) {
    return new KbStores(local, List.of());
  }

  /** The remote store {@code spec} names; empty for {@code bundled} and folders. */
  public Optional<KbStore> remote(String spec) {
    for (RemoteKbs r : remotes) {
      Optional<KbStore> store = r.at(spec);
      if (store.isPresent()) return store;
    }
    return Optional.empty();
  }

  /** The remote store {@code address} names, for a push (see {@link RemoteKbs#forPush}). */
  public KbStore pushTarget(String address, int shards, int replicas, Consumer<String> log) {
    for (RemoteKbs r : remotes) {
      Optional<KbStore> store = r.forPush(address, shards, replicas, log);
      if (store.isPresent()) return store.get();
    }
    throw new IllegalArgumentException("--to " + address + ": not the address of a KB store (give " + forms() + ")");
  }

  /**
   * Checks the form of {@code specs} before anything is read: a remote KB stands alone.
   *
   * @throws IllegalArgumentException naming the value that cannot be used
   */
  public void checkAddresses(List<String> specs) {
    if (specs.size() < 2) return;
    for (String spec : specs) {
      if (remote(spec).isPresent()) {
        throw new IllegalArgumentException("--kb " + spec + ": a remote KB cannot be merged with others; give it alone");
      }
    }
  }

  /**
   * The KBs named by {@code specs} (none: {@code bundled}), without an index: a remote KB as pushed,
   * folders merged under {@link KbMerger}'s gates rule ({@code gatesFrom} as in {@link KbLoader}).
   */
  public KnowledgeBase read(List<String> specs, String gatesFrom) {
    checkAddresses(specs);
    for (String spec : specs) {
      Optional<KbStore> store = remote(spec);
      // alone (checked above); with --gates-from, the merge's rule refuses it below
      if (store.isPresent() && gatesFrom == null) return store.get().readKb();
      if (store.isEmpty() && spec.contains("://")) {
        throw new IllegalArgumentException("--kb " + spec + ": no KB store takes this address (give a KB folder, 'bundled', or " + forms() + ")");
      }
    }
    return KbLoader.readMerged(specs, gatesFrom);
  }

  /** The address forms of the remote engines, for messages. */
  public String forms() {
    return remotes.isEmpty() ? "no remote engine is wired in" : remotes.stream().map(RemoteKbs::forms).collect(Collectors.joining(" or "));
  }
}
