package dev.rescue.bundle;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.IndexStores;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbFingerprint;
import dev.rescue.kb.KbFolder;
import dev.rescue.kb.KbManifest;
import dev.rescue.kb.KnowledgeBase;
import dev.rescue.kb.PassageCacheEmbedder;
import dev.rescue.kb.curated.CuratedKbAssembler;
import dev.rescue.kb.mitre.MitreLayerAssembler;
import dev.rescue.retrieve.NeutralTasks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The build step that makes the bundled KB (run by Maven at {@code process-classes}, so that tests,
 * {@code package} and {@code verify} all see it): assembles {@code src/main/curated/cwe-*.yaml} and
 * writes the KB folder, index included (bundled embedder), into {@code target/classes/kb/bundled}.
 * It runs on every build, so it does nothing when the folder already holds exactly this KB and an
 * index of it: assembling takes a second, embedding is what costs.
 *
 * <p>Usage: {@code BundledKbGenerator CURATED_DIR OUT_DIR [EMBEDDING_CACHE_DIR [NEUTRAL_DIR]]}; with
 * NEUTRAL_DIR it also writes the neutral-task vectors for the same embedder there. With a cache folder,
 * passage vectors are kept between builds so that only changed texts are embedded again. Bad content
 * fails the build with a message naming the YAML file and the field.
 */
public final class BundledKbGenerator {
  /** The index engine the bundled KB ships an index of: the one the CLI reads it with. */
  private static final IndexStores STORES = new LuceneIndexStores();

  private BundledKbGenerator() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 4) {
      throw new IllegalArgumentException("usage: BundledKbGenerator CURATED_DIR OUT_DIR [EMBEDDING_CACHE_DIR [NEUTRAL_DIR]]");
    }
    Embedder embedder = BgeSmallEmbedder.instance();
    if (args.length == 4) {
      try {
        NeutralTasks.writeVectors(embedder, Path.of(args[3]));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the neutral-task vectors to " + args[3] + ": " + e.getMessage(), e);
      }
    }
    if (args.length == 2) {
      generate(Path.of(args[0]), Path.of(args[1]), embedder);
      return;
    }
    PassageCacheEmbedder cached = new PassageCacheEmbedder(embedder, Path.of(args[2]));
    if (generate(Path.of(args[0]), Path.of(args[1]), cached)) {
      try {
        cached.save();
      } catch (IOException e) {
        System.err.println("bundled KB: cannot save the embedding cache " + args[2] + ": " + e.getMessage());
      }
    }
  }

  /** @return true when the KB was (re)written, false when it was already up to date */
  public static boolean generate(Path curated, Path out, Embedder embedder) {
    KbManifest.EmbedderInfo info = new KbManifest.EmbedderInfo(embedder.id(), embedder.dimension());
    // the MITRE-derived layer (src/main/curated/mitre/) under the curated entries; curated ones win
    KnowledgeBase kb = MitreLayerAssembler.under(CuratedKbAssembler.assemble(curated, info, Instant.now().toString()), curated);
    if (upToDate(kb, out, embedder)) return false;
    long t0 = System.nanoTime();
    KnowledgeBase written = KbFolder.write(kb, out, STORES, embedder); // the manifest covers the index too
    System.out.printf("bundled KB: %d CWEs, %d examples, indexed with %s in %.1f s -> %s%n",
        written.cwes().size(), written.examples().size(), embedder.id(), (System.nanoTime() - t0) / 1e9, out);
    return true;
  }

  private static boolean upToDate(KnowledgeBase kb, Path out, Embedder embedder) {
    if (!KbFolder.isKbFolder(out)) return false;
    try {
      KnowledgeBase existing = KbFolder.read(out);
      if (!existing.manifest().coversIndex()) return false;
      if (!KbFingerprint.of(existing).equals(KbFingerprint.of(kb))) return false;
      if (!existing.manifest().sources().equals(kb.manifest().sources())
          || !existing.manifest().gates().equals(kb.manifest().gates())) {
        return false;
      }
      return STORES.folder(out.resolve(KbFolder.INDEX)).holds(KbFingerprint.ofIndex(kb, embedder));
    } catch (RuntimeException e) {
      return false; // anything unreadable is rebuilt
    }
  }
}
