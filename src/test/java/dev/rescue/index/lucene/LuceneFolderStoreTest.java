package dev.rescue.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.IndexStore;
import dev.rescue.index.KnowledgeIndexContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on Lucene stores in folders (a KB folder's index, a cache entry), and copies of them read into memory. */
@Tag("model")
class LuceneFolderStoreTest extends KnowledgeIndexContract {
  @TempDir static Path root;
  private int stores;

  @Override
  protected Embedder embedder() {
    return BgeSmallEmbedder.instance();
  }

  @Override
  protected IndexStore emptyStore() {
    return new LuceneIndexStores().folder(root.resolve("store-" + stores++));
  }

  @Test
  void askingAnAbsentFolderForItsFingerprintDoesNotCreateIt() {
    Path absent = root.resolve("absent");
    assertThat(new LuceneIndexStores().folder(absent).fingerprint()).isEmpty();
    assertThat(absent).doesNotExist();
  }

  @Test
  void aCopyReadsTheFolderItWasWrittenToAndLeavesItAsItWas() throws IOException {
    Path folder = root.resolve("store-0"); // the store the contract wrote the sample KB into
    long before = Files.list(folder).count();
    IndexStore copy = new LuceneIndexStores().copyOf(folder);
    assertThat(copy.holds(FINGERPRINT)).isTrue();
    copy.write(layers, embedder, "rewritten in memory");
    assertThat(copy.fingerprint()).contains("rewritten in memory");
    assertThat(store.fingerprint()).contains(FINGERPRINT);
    assertThat(Files.list(folder).count()).isEqualTo(before);
  }

  @Test
  void aCopyOfAnAbsentFolderHoldsNoIndex() {
    assertThat(new LuceneIndexStores().copyOf(root.resolve("none")).fingerprint()).isEmpty();
  }
}
