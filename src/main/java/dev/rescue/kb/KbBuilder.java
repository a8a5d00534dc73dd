package dev.rescue.kb;

import dev.rescue.analysis.TreeSitterParsers;
import dev.rescue.analysis.slicing.ParallelSlice;
import dev.rescue.analysis.slicing.ParallelSlicer;
import dev.rescue.embed.Embedder;
import dev.rescue.index.IndexStores;
import dev.rescue.internal.Tokens;
import dev.rescue.kb.distill.ApiCallSource;
import dev.rescue.kb.distill.DistillInput;
import dev.rescue.kb.distill.Distiller;
import dev.rescue.kb.safecoder.PairResult;
import dev.rescue.kb.safecoder.SafeCoderBatch;
import dev.rescue.kb.safecoder.SafeCoderReader;
import dev.rescue.model.CodeExample;
import dev.rescue.model.CweEntry;
import dev.rescue.model.CweIds;
import dev.rescue.model.FusionPolicy;
import dev.rescue.model.VulnFixPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * RESCUE's offline phase ({@code rescue kb build}): read the pairs, slice each into parallel slices,
 * group by CWE, distil each CWE, write the KB folder and index it. Slicing and distillation run on
 * {@code threads} workers; a bad input line or a CWE that cannot be distilled is reported through the
 * listener and left out, and the rest of the KB is still built (the CLI then exits 1).
 */
public final class KbBuilder {
  private final Distiller distiller;
  private final Embedder embedder;
  private final IndexStores stores;
  private final int hops;
  private boolean slicing = true;
  private final int threads;
  private final BuildListener listener;
  private final ApiCallSource apis;

  /**
   * @param apis the API calls of a slice (the front-ends' {@code ApiExtractor}); pass the same
   *     memoised source the distiller uses so that each slice is parsed once
   * @param stores where the KB folder's index is written (the index engine)
   */
  public KbBuilder(Distiller distiller, Embedder embedder, IndexStores stores, ApiCallSource apis, int hops, int threads,
      BuildListener listener) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.apis = Objects.requireNonNull(apis, "apis");
    this.distiller = Objects.requireNonNull(distiller, "distiller");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    if (hops < 0) throw new IllegalArgumentException("--hops must be >= 0, was " + hops);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    this.hops = hops;
    this.threads = threads;
    this.listener = listener == null ? BuildListener.SILENT : listener;
  }

  /**
   * What a build produced.
   *
   * @param failures one line per failed input (bad line, failed CWE); empty when all went well
   */
  public record Result(KnowledgeBase kb, int pairs, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Builds the KB of {@code sources} into the folder {@code out} (created, or replaced when it holds a
   * KB). The folder appears, or is replaced, only once it is whole.
   */
  public Result build(List<KbSource> sources, Path out) {
    if (sources.isEmpty()) throw new IllegalArgumentException("no --source given");
    checkOutput(out);
    List<String> failures = new ArrayList<>();
    List<SourcedPair> pairs = read(sources, failures);
    if (pairs.isEmpty()) throw new IllegalArgumentException("the sources hold no valid pair: " + names(sources));

    List<DistillInput> inputs = slice(pairs);
    Map<String, List<DistillInput>> byCwe = new TreeMap<>(Comparator.comparingInt(CweIds::number));
    for (DistillInput in : inputs) byCwe.computeIfAbsent(in.example().cwe(), c -> new ArrayList<>()).add(in);

    List<CweEntry> cwes = distill(byCwe, failures);
    Set<String> kept = new HashSet<>();
    for (CweEntry c : cwes) kept.add(c.cwe());
    List<CodeExample> examples = inputs.stream().map(DistillInput::example).filter(e -> kept.contains(e.cwe())).toList();

    List<KbManifest.Source> manifestSources = sources.stream().map(s -> new KbManifest.Source(s.name(), s.sha256())).toList();
    KbManifest manifest = new KbManifest(KbManifest.FORMAT_VERSION, Instant.now().toString(), manifestSources,
        new KbManifest.EmbedderInfo(embedder.id(), embedder.dimension()), FusionPolicy.paperDefaults(), Map.of(), Map.of());
    // Everything goes into a hidden sibling, manifest last, and is renamed to --out when whole: a
    // build killed during the minutes of indexing leaves no folder at --out that loads.
    KnowledgeBase written;
    try (StagedFolder staged = StagedFolder.begin(out)) {
      listener.stage("indexing (" + embedder.id() + ")", -1);
      written = KbFolder.write(new KnowledgeBase(manifest, cwes, examples), staged.path(), stores, embedder);
      listener.stageDone();
      if (!staged.commit()) throw new IllegalStateException("--out " + out + " was created by someone else during the build");
    }
    listener.info("wrote " + out + ": " + cwes.size() + " CWEs, " + examples.size() + " examples");
    return new Result(written, pairs.size(), failures);
  }

  private record SourcedPair(VulnFixPair pair, String exampleId, String source) {}

  private List<SourcedPair> read(List<KbSource> sources, List<String> failures) {
    SafeCoderReader reader = new SafeCoderReader();
    List<SourcedPair> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<List<String>> seen = new HashSet<>();
    int crossDuplicates = 0;
    for (KbSource source : sources) {
      SafeCoderBatch batch = reader.read(source.path());
      listener.info(source.name() + ": " + batch.summary());
      for (PairResult.Failed f : batch.failures()) {
        String what = source.name() + " " + f.id();
        failures.add(what + ": " + f.error());
        listener.failure(what, f.error());
      }
      String prefix = sources.size() == 1 ? "" : lastTwo(source.path()) + "/";
      for (VulnFixPair p : batch.pairs()) {
        // The same fix may be in two datasets (SVEN's pairs are also SafeCoder's): keep it once.
        if (!seen.add(List.of(p.cwe(), p.before(), p.after()))) {
          crossDuplicates++;
          continue;
        }
        String id = prefix + p.id();
        for (int n = 2; !ids.add(id); n++) id = prefix + p.id() + "#" + n;
        out.add(new SourcedPair(p, id, source.name()));
      }
    }
    if (crossDuplicates > 0) listener.info(crossDuplicates + " pairs repeated across sources dropped");
    return out;
  }

  private static String lastTwo(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    int n = abs.getNameCount();
    return n >= 2 ? abs.getName(n - 2) + "/" + abs.getName(n - 1) : abs.getFileName().toString();
  }

  /** Keep whole functions instead of slices (the no-slicing ablation). */
  public KbBuilder withoutSlicing() {
    this.slicing = false;
    return this;
  }

  /** Slices every pair on the worker threads, keeping input order. */
  private List<DistillInput> slice(List<SourcedPair> pairs) {
    listener.stage("slicing (" + hops + " hops)", pairs.size());
    // One slicer per worker: the slicer holds parsers, which are not shared across threads.
    ThreadLocal<ParallelSlicer> slicers = ThreadLocal.withInitial(() -> new ParallelSlicer(hops));
    List<DistillInput> out = parallel(pairs, sp -> {
      // The API extraction below parses the slices the slicer has just checked: one cache, one parse.
      try (TreeSitterParsers.CacheScope cache = TreeSitterParsers.cacheScope()) {
        ParallelSlice s = slicing ? slicers.get().slice(sp.pair()) : whole(sp.pair());
        DistillInput in = new DistillInput(sp.pair(), example(sp, s));
        listener.step();
        return in;
      }
    });
    listener.stageDone();
    return out;
  }

  /** The ablation without slicing: the whole functions, as the paper's "w/o slicing" row. */
  private static ParallelSlice whole(VulnFixPair p) {
    return new ParallelSlice(p.before(), p.after(), p.deletedLines(), p.addedLines(), false, true, true);
  }

  private CodeExample example(SourcedPair sp, ParallelSlice s) {
    VulnFixPair p = sp.pair();
    Set<String> calls = new LinkedHashSet<>(apis.apiCalls(s.vulnerable(), p.language()));
    calls.addAll(apis.apiCalls(s.secure(), p.language()));
    String source = p.commitLink() != null && !p.commitLink().isBlank() ? p.commitLink() : sp.source() + " " + p.id();
    String description = p.description() != null && !p.description().isBlank() ? p.description() : p.commitMessage();
    return new CodeExample(sp.exampleId(), p.cwe(), p.language(), s.vulnerable(), s.secure(), List.copyOf(calls),
        s.securePoi(), s.fallback() || !slicing ? 0 : hops, Tokens.count(s.secure()), source, description);
  }

  private List<CweEntry> distill(Map<String, List<DistillInput>> byCwe, List<String> failures) {
    listener.stage("distilling", byCwe.size());
    List<Map.Entry<String, List<DistillInput>>> work = List.copyOf(byCwe.entrySet());
    List<Object> results = parallel(work, e -> {
      Object r;
      try {
        r = distiller.distill(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        r = e.getKey() + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage());
      }
      listener.step();
      return r;
    });
    listener.stageDone();
    List<CweEntry> out = new ArrayList<>();
    for (Object r : results) {
      if (r instanceof CweEntry c) {
        out.add(c);
      } else {
        String msg = "distilling " + r;
        failures.add(msg);
        listener.failure("distilling", (String) r);
      }
    }
    return out;
  }

  private <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> f) {
    if (threads == 1 || items.size() < 2) return items.stream().map(f).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kb-build");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) futures.add(pool.submit(() -> f.apply(item)));
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> fu : futures) out.add(fu.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("kb build interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Refuses to write into a folder that holds something other than a KB, so a typo cannot clobber it. */
  private static void checkOutput(Path out) {
    if (Files.isRegularFile(out)) throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
    if (Files.isDirectory(out) && !KbFolder.isKbFolder(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--out " + out + " is a non-empty folder that is not a KB: choose an empty or new folder");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + out + ": " + e.getMessage(), e);
      }
    }
  }

  private static String names(List<KbSource> sources) {
    return String.join(", ", sources.stream().map(KbSource::name).toList());
  }
}
