package dev.rescue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractedCopiesTest {
  @TempDir Path folder;

  private final ClassLoader loader = ExtractedCopiesTest.class.getClassLoader();
  /** A file of a jar on the test class path (picocli's), so that its size and CRC come from the jar's directory. */
  private final List<ExtractedCopies.Entry> entries = List.of(new ExtractedCopies.Entry("picocli/CommandLine.class", "x/CommandLine.class"));

  @Test
  void aCopyOfTheWrongSizeIsCopiedAgain() throws Exception {
    Optional<Path> first = ExtractedCopies.of(loader, folder, "picocli", entries);
    assertThat(first).isPresent();
    Path copy = first.get().resolve("x/CommandLine.class");
    byte[] original = Files.readAllBytes(copy);
    Files.write(copy, new byte[] {1, 2, 3}); // a half-written or damaged copy

    assertThat(ExtractedCopies.of(loader, folder, "picocli", entries)).isEqualTo(first);
    assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    try (var in = loader.getResourceAsStream("picocli/CommandLine.class")) {
      assertThat(original).isEqualTo(in.readAllBytes());
    }
  }

  @Test
  void aFolderThatCannotBeWrittenIsAnEmptyResultNotAFailure() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("file"), "in the way");
    assertThat(ExtractedCopies.of(loader, notAFolder.resolve("cache"), "picocli", entries)).isEmpty();
  }
}
