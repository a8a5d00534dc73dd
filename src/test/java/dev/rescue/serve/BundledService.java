package dev.rescue.serve;

import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.Rescue;
import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.Embedders;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.LoadedKb;
import java.util.List;

/** The real pipeline over the bundled KB, loaded once per test JVM (loading the model takes seconds). */
public final class BundledService {
  private static LoadedKb kb;
  private static Rescue rescue;

  private BundledService() {}

  public static synchronized SecurityContextService with(InjectionMode mode) {
    if (rescue == null) {
      Embedder embedder = new CachingEmbedder(Embedders.fromSpec("bundled"), 256);
      kb = new KbLoader(new LuceneIndexStores(), embedder, KbLoader.defaultIndexCache(), line -> System.err.println("kb: " + line)).load(List.of());
      rescue = Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).build();
    }
    return new SecurityContextService(rescue, kb.kb(), mode);
  }
}
