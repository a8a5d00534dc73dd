package dev.rescue.kb;

import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStores;
import dev.rescue.index.KnowledgeIndex;
import dev.rescue.internal.CacheDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Loads the KBs every command reads ({@code --kb}, repeatable): each value is a KB folder,
 * {@code bundled} (the curated KB inside the jar), or the address of a KB kept whole on a remote
 * engine ({@code solr://ZK/COLLECTION}, see {@link KbStores}, which says which store serves a value);
 * none means {@code bundled}. Several KBs are merged
 * ({@link KbMerger}; whose gates a merge uses is {@link KbMerger}'s rule, with {@code --gates-from}).
 * The index comes from the KB's own {@code index/} for one folder (when its manifest covers it and it
 * fits the embedder), from the index shipped in the jar for the bundled KB (copied into memory),
 * and otherwise, a merge included, from the cache {@code <rescue.cache>/index/<fingerprint>}, built
 * there on the first run. A remote KB is answered from the index kept beside it, which must be current
 * for it and the embedder: a stale one is refused, never rebuilt (that is a push, which needs write
 * access to the cluster).
 */
public final class KbLoader {
  /** The {@code --kb} value naming the curated KB shipped in the jar. */
  public static final String BUNDLED = "bundled";
  /** Where the build puts the bundled KB folder on the classpath. */
  public static final String BUNDLED_RESOURCE = "kb/bundled";
  private final KbStores stores;
  private final Embedder embedder;
  private final KbIndexes indexes;
  private final Consumer<String> log;

  /**
   * @param stores the index engine the KBs' indexes are read and built with
   * @param indexCache folder for the indexes of merged KBs, see {@link #defaultIndexCache()}
   * @param log progress and warnings, one line each (stderr in the CLI)
   */
  public KbLoader(IndexStores stores, Embedder embedder, Path indexCache, Consumer<String> log) {
    this(KbStores.local(stores), embedder, indexCache, log);
  }

  /**
   * @param stores the local index engine and the remote engines whose addresses {@code --kb} takes
   */
  public KbLoader(KbStores stores, Embedder embedder, Path indexCache, Consumer<String> log) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.log = Objects.requireNonNull(log, "log");
    this.indexes = new KbIndexes(stores.local(), indexCache, log);
  }

  /** {@code index} in the rescue cache ({@link CacheDirs}). */
  public static Path defaultIndexCache() {
    return CacheDirs.of("index");
  }

  /** The KB (merged when several, under {@link KbMerger}'s gates rule) and an open index over it. */
  public LoadedKb load(List<String> specs) {
    return load(specs, null);
  }

  /**
   * @param gatesFrom for a merge of KBs whose gates differ, the {@code --kb} value whose gates (and
   *     embedder) the merge takes; null to accept only KBs that agree
   */
  public LoadedKb load(List<String> specs, String gatesFrom) {
    List<String> labels = labels(specs);
    KnowledgeBase kb = stores.read(labels, gatesFrom);
    warnOnEmbedderMismatch(kb, labels);
    Optional<KbStore> remote = labels.size() == 1 ? stores.remote(labels.get(0)) : Optional.empty();
    KnowledgeIndex index;
    if (remote.isPresent()) {
      index = indexes.openRemote(kb, remote.get(), embedder);
    } else if (labels.size() > 1) {
      index = indexes.cached(kb, embedder);
    } else if (isBundled(labels.get(0))) {
      index = indexes.openShipped(kb, bundledFolder().resolve(KbFolder.INDEX), embedder);
    } else {
      index = indexes.openFolder(kb, Path.of(labels.get(0)), embedder);
    }
    return new LoadedKb(kb, index, labels);
  }

  /** The KBs named by {@code specs} (folders, {@code bundled} or one remote KB), without an index. */
  public KnowledgeBase readKbs(List<String> specs, String gatesFrom) {
    return stores.read(labels(specs), gatesFrom);
  }

  /** The KB folders (or {@code bundled}) named by {@code specs}, merged, without an index. */
  public static KnowledgeBase readMerged(List<String> specs) {
    return readMerged(specs, null);
  }

  /** Like {@link #readMerged(List)}, taking a merge's gates from {@code gatesFrom} (see {@link KbMerger}). */
  public static KnowledgeBase readMerged(List<String> specs, String gatesFrom) {
    List<String> labels = labels(specs);
    if (gatesFrom != null && labels.size() < 2) {
      throw new IllegalArgumentException("--gates-from " + gatesFrom + " chooses among merged KBs: give --kb twice or more");
    }
    List<KnowledgeBase> kbs = new ArrayList<>();
    for (String spec : labels) kbs.add(read(spec));
    return KbMerger.merge(kbs, labels, gatesFrom);
  }

  private static List<String> labels(List<String> specs) {
    return specs == null || specs.isEmpty() ? List.of(BUNDLED) : List.copyOf(specs);
  }

  /** One {@code --kb} value: {@code bundled} or a KB folder, hashes checked. */
  public static KnowledgeBase read(String spec) {
    if (isBundled(spec)) return KbFolder.read(bundledFolder());
    Path dir = Path.of(spec);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--kb " + spec + ": no such folder (give a KB folder or 'bundled')");
    }
    return KbFolder.read(dir);
  }

  private static boolean isBundled(String spec) {
    return BUNDLED.equals(spec);
  }

  private void warnOnEmbedderMismatch(KnowledgeBase kb, List<String> labels) {
    KbManifest.EmbedderInfo built = kb.manifest().embedder();
    if (built != null && !embedder.id().equals(built.id())) {
      log.accept("KB " + String.join(" + ", labels) + " was built and calibrated with embedder '" + built.id()
          + "'; indexing it with '" + embedder.id() + "': its gates may not fit this embedder (run 'rescue calibrate')");
    }
  }

  /**
   * The bundled KB folder as a path: a directory on a development classpath, or a folder inside the
   * jar through the zip file system (opened once and kept: it is read-only and small).
   */
  static synchronized Path bundledFolder() {
    URL url = KbLoader.class.getClassLoader().getResource(BUNDLED_RESOURCE + "/" + KbFolder.MANIFEST);
    if (url == null) {
      throw new IllegalStateException("the bundled KB is not in this build (" + BUNDLED_RESOURCE + "/"
          + KbFolder.MANIFEST + " is missing from the classpath): build the project with 'mvn package',"
          + " or give a KB folder with --kb DIR");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath("/" + BUNDLED_RESOURCE);
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the bundled KB at " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the jar holding the bundled KB (" + url + "): " + e.getMessage(), e);
    }
  }
}
