package dev.rescue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
  @TempDir Path folder;

  private final ClassLoader loader = NativeLibrariesTest.class.getClassLoader();

  @Test
  void librariesAreExtractedOnceIntoAFolderNamedByTheirContent() throws Exception {
    List<ExtractedCopies.Entry> libs = NativeLibraries.treeSitter();

    Optional<String> first = NativeLibraries.extract(loader, folder, "tree-sitter", libs);
    assertThat(first).isPresent();
    Path dir = Path.of(first.get());
    assertThat(dir.getParent()).isEqualTo(folder.toAbsolutePath());
    assertThat(dir.getFileName().toString()).matches("tree-sitter-[0-9a-f]{16}");
    for (ExtractedCopies.Entry l : libs) {
      try (var in = loader.getResourceAsStream(l.resource())) {
        assertThat(Files.readAllBytes(dir.resolve(l.target()))).isEqualTo(in.readAllBytes());
      }
    }
    Path one = dir.resolve(libs.get(0).target());
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(one, written);

    assertThat(NativeLibraries.extract(loader, folder, "tree-sitter", libs)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(one)).as("not copied again").isEqualTo(written);
    try (var entries = Files.list(folder)) {
      assertThat(entries).as("no temporary folder left").containsExactly(dir);
    }
  }

  @Test
  void aMissingLibraryLeavesTheLibrarysOwnExtractionInPlace() {
    List<ExtractedCopies.Entry> libs = List.of(new ExtractedCopies.Entry("lib/no-such-lib.so", "lib/no-such-lib.so"));
    assertThat(NativeLibraries.extract(loader, folder, "none", libs)).isEmpty();
  }

  @Test
  void onnxRuntimesLibrariesAreFoundOnThisPlatform() {
    assertThat(NativeLibraries.onnxRuntime()).isNotEmpty()
        .allSatisfy(l -> assertThat(loader.getResource(l.resource())).as(l.resource()).isNotNull());
  }
}
