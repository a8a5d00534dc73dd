package dev.rescue.cli;

import dev.rescue.Embedders;
import dev.rescue.LlmClients;
import dev.rescue.analysis.ApiExtractor;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.internal.CacheDirs;
import dev.rescue.kb.BuildListener;
import dev.rescue.kb.KbBuilder;
import dev.rescue.kb.KbInfo;
import dev.rescue.kb.KbJson;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.KbStore;
import dev.rescue.kb.KbSource;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.PassageCacheEmbedder;
import dev.rescue.kb.distill.ApiCallSource;
import dev.rescue.kb.distill.Distiller;
import dev.rescue.kb.distill.LlmDistiller;
import dev.rescue.kb.distill.MemoizedApiCalls;
import dev.rescue.kb.distill.RulesDistiller;
import dev.rescue.kb.mitre.CweDefinition;
import dev.rescue.kb.mitre.MitreCatalog;
import dev.rescue.llm.LlmNotConfiguredException;
import dev.rescue.llm.LlmSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rescue kb}: build a knowledge base, or summarise one. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    header = "Build or inspect a security knowledge base.",
    subcommands = {KbCommand.Build.class, KbCommand.Info.class, KbCommand.Push.class, KbMitreCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  rescue kb build --no-llm --source safecoder:data/sven/train --cwe-catalog cwec_v4.14.xml --out kb/",
      "  rescue kb info --kb kb/",
      "  rescue kb push --kb kb/ --to solr://zk1:2181,zk2:2181/rescue-kb"
    })
final class KbCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a kb command is required (build, info, push or mitre)");
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      header = "Build a KB folder from vulnerability-fix pairs.",
      description = {
        "Reads the pairs, slices each into parallel vulnerable/secure slices, distils each CWE into a",
        "guideline, a cause and an API set (with an LLM, or with mined rules under --no-llm), writes",
        "manifest.json, cwes.jsonl, examples.jsonl and indexes them into index/. The manifest holds the",
        "sha256 of every file, the index's included; a KB whose files do not match is refused (exit 2).",
        "The folder is built in a hidden sibling and renamed to --out when whole: an interrupted build",
        "leaves no folder that loads."
      },
      footer = {
        "",
        "Examples:",
        "  rescue kb build --no-llm --source safecoder:../shared/data/safecoder/sven/train \\",
        "      --source safecoder:../shared/data/safecoder/safecoder/train \\",
        "      --cwe-catalog ../shared/data/cwe/cwec_v4.14.xml --out /tmp/kb",
        "",
        "Exit codes: 0 success, 1 some lines or CWEs failed (each reported; the rest built), 2 usage error."
      })
  static final class Build implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "KIND:PATH",
        description = "a dataset: safecoder:PATH, PATH a .jsonl file or a folder of them; repeatable")
    List<String> sources = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the KB folder to write")
    Path out;

    @Option(names = "--no-llm", description = "distil with mined rules instead of an LLM")
    boolean noLlm;

    @Option(names = "--cwe-catalog", paramLabel = "FILE",
        description = "MITRE's CWE XML (cwec_v4.14.xml): names, causes and mitigations")
    Path catalog;

    @Option(names = "--hops", defaultValue = "2", paramLabel = "N", description = "slicing depth (default: ${DEFAULT-VALUE})")
    int hops;

    @Option(names = "--embedder", defaultValue = "bundled", paramLabel = "SPEC",
        description = "bundled, onnx:DIR or remote:BASE_URL#MODEL (default: ${DEFAULT-VALUE})")
    String embedderSpec;

    @Option(names = "--no-slicing", description = "keep whole functions as examples (the no-slicing ablation)")
    boolean noSlicing;

    @Option(names = "--no-progress", description = "no progress on stderr (log lines and failures still show)")
    boolean noProgress;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      List<KbSource> parsed = sources.stream().map(KbSource::parse).toList();
      if (hops < 0) throw new IllegalArgumentException("--hops must be >= 0, was " + hops);
      FileArgs.outputFolder("--out", out);
      MitreCatalog mitre = catalog == null ? null : MitreCatalog.read(FileArgs.inputFile("--cwe-catalog", catalog));
      ApiCallSource apis = new MemoizedApiCalls(ApiExtractor::apiCalls);
      Distiller distiller;
      try {
        distiller = noLlm ? new RulesDistiller(apis, mitre)
            : new LlmDistiller(LlmClients.fromSettings(LlmSettings.fromEnvironment()),
                id -> mitre == null ? null : mitre.get(id).map(CweDefinition::name).orElse(null));
      } catch (LlmNotConfiguredException e) {
        err.println("rescue kb build: " + e.getMessage());
        err.println("Or build without an LLM: add --no-llm.");
        err.flush();
        return ExitCodes.USAGE;
      }
      Embedder embedder = Embedders.fromSpec(embedderSpec);
      // Embedding is nearly all of a build's time: the bundled model's passage vectors are kept in
      // the cache, so a build over pairs built before embeds only the slices it has not seen.
      PassageCacheEmbedder cache = embedder == BgeSmallEmbedder.instance()
          ? new PassageCacheEmbedder(embedder, CacheDirs.of(PASSAGE_CACHE)) : null;
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      try (ProgressListener progress = new ProgressListener(err, !noProgress)) {
        KbBuilder builder = new KbBuilder(distiller, cache != null ? cache : embedder, KbOptions.INDEX_STORES, apis, hops,
            threads, progress);
        if (noSlicing) builder.withoutSlicing();
        KbBuilder.Result r;
        try {
          r = builder.build(parsed, out);
        } finally {
          saveCache(cache, err);
        }
        progress.close();
        if (!r.failures().isEmpty()) {
          err.println("rescue kb build: " + r.failures().size() + " inputs failed (listed above); the KB holds the rest");
          err.flush();
          return ExitCodes.INPUT_FAILED;
        }
      }
      return ExitCodes.OK;
    }

    /** The cache folder of the bundled model's passage vectors. */
    static final String PASSAGE_CACHE = "passages";

    /** Keeps what was embedded, also after a failed build; a cache that cannot be written costs speed only. */
    private static void saveCache(PassageCacheEmbedder cache, PrintWriter err) {
      if (cache == null || cache.misses() == 0) return;
      try {
        cache.save();
      } catch (IOException | RuntimeException e) {
        err.println("rescue kb build: cannot save the passage-vector cache (the next build embeds again): " + e.getMessage());
        err.flush();
      }
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      header = "Print a JSON summary of a KB.",
      description = "Prints cwes, cwe_ids, examples, languages, embedder, gates and the sha256 of its files.",
      footer = {"", "Examples:", "  rescue kb info", "  rescue kb info --kb /tmp/kb --kb bundled"})
  static final class Info implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--kb", paramLabel = "DIR",
        description = "a KB folder, or 'bundled' (default), or a KB pushed to Solr (solr://...); repeat to merge folders")
    List<String> kbs = new ArrayList<>();

    @Option(names = "--gates-from", paramLabel = "KB",
        description = "for a merge of KBs calibrated differently: the --kb value whose gates and embedder it uses")
    String gatesFrom;

    @Override
    public Integer call() throws Exception {
      KnowledgeBase kb = KbOptions.read(kbs, gatesFrom);
      PrintWriter out = spec.commandLine().getOut();
      out.println(KbJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(KbInfo.of(kb)));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      header = "Push a KB and its index to a SolrCloud collection.",
      description = {
        "Creates the collection when it is missing (uploading rescue's configset: BM25 API fields, dense",
        "vector fields of the embedder's dimension) and replaces its documents with the KB's CWEs and",
        "examples, embedded with --embedder, and a meta document holding the KB's manifest and fingerprint.",
        "Every command then takes --kb ADDRESS and answers from the collection; a collection whose",
        "documents no longer match the fingerprint, or made with another embedder, is refused."
      },
      footer = {
        "",
        "Examples:",
        "  rescue kb push --kb bundled --to solr://localhost:9983/rescue-kb",
        "  rescue kb push --kb /tmp/kb --to solr://zk1:2181,zk2:2181/solr/rescue-kb --shards 2 --replicas 2",
        "  rescue kb push --kb /tmp/kb --to http://solr1:8983/solr/rescue-kb",
        "  rescue context --kb solr://localhost:9983/rescue-kb \"Parse a YAML file uploaded by the user\"",
        "",
        "Exit codes: 0 pushed, 1 the cluster failed or refused, 2 usage error."
      })
  static final class Push implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--kb", paramLabel = "DIR",
        description = "a KB folder, or 'bundled' (default); repeat to merge several")
    List<String> kbs = new ArrayList<>();

    @Option(names = "--gates-from", paramLabel = "KB",
        description = "for a merge of KBs calibrated differently: the --kb value whose gates and embedder it uses")
    String gatesFrom;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
        description = "solr://ZK_HOST:PORT[,ZK2:PORT][/CHROOT]/COLLECTION or http://HOST:PORT/solr/COLLECTION")
    String to;

    @Option(names = "--shards", defaultValue = "1", paramLabel = "N",
        description = "shards of a collection this push creates (default: ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--replicas", defaultValue = "1", paramLabel = "N",
        description = "replicas of each shard of a collection this push creates (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--embedder", paramLabel = "SPEC", defaultValue = "bundled",
        description = "the embedding model the index is made with, as for every command (default: ${DEFAULT-VALUE})")
    String embedder;

    @Override
    public Integer call() {
      if (shards < 1 || replicas < 1) throw new IllegalArgumentException("--shards and --replicas must be at least 1");
      PrintWriter err = spec.commandLine().getErr();
      // a wrong address is a usage error before any KB is read or model loaded
      KbStore target = KbOptions.STORES.pushTarget(to, shards, replicas, line -> {
        err.println("rescue: " + line);
        err.flush();
      });
      for (String kb : kbs) {
        if (KbOptions.STORES.remote(kb).isPresent()) throw new IllegalArgumentException("--kb " + kb + ": push reads a KB folder or 'bundled'");
      }
      KnowledgeBase kb = KbLoader.readMerged(kbs, gatesFrom);
      Embedder e = Embedders.fromSpec(embedder);
      err.println("rescue: pushing " + kb.cwes().size() + " CWEs and " + kb.examples().size() + " examples to " + to
          + " (embedding with " + e.id() + ")");
      err.flush();
      long t0 = System.nanoTime();
      target.push(kb, e);
      err.printf("rescue: pushed to %s in %.1f s%n", to, (System.nanoTime() - t0) / 1e9);
      err.flush();
      return ExitCodes.OK;
    }
  }

  /** Progress on stderr, one {@link Progress} per stage; log lines and failures between them. */
  private static final class ProgressListener implements BuildListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean shown;
    private volatile Progress stage = Progress.NONE;

    ProgressListener(PrintWriter err, boolean shown) {
      this.err = err;
      this.shown = shown;
    }

    @Override
    public synchronized void stage(String name, long total) {
      stageDone();
      if (total < 0) {
        err.println(name + " ...");
        err.flush();
        return;
      }
      stage = Progress.of(name, total, err, shown);
    }

    @Override
    public void step() {
      stage.step();
    }

    @Override
    public synchronized void stageDone() {
      stage.close();
      stage = Progress.NONE;
    }

    @Override
    public synchronized void info(String line) {
      err.println(line);
      err.flush();
    }

    @Override
    public synchronized void failure(String what, String why) {
      err.println("failed: " + what + ": " + why);
      err.flush();
    }

    @Override
    public void close() {
      stageDone();
    }
  }

}
