package dev.rescue.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {
  @TempDir Path dir;

  @Test
  void theTargetAppearsOnlyOnCommitAndReplacesTheOldOneWhole() throws Exception {
    Path target = dir.resolve("kb");
    Files.createDirectories(target);
    Files.writeString(target.resolve("old.txt"), "old");
    try (StagedFolder s = StagedFolder.begin(target)) {
      Files.writeString(s.path().resolve("new.txt"), "new");
      assertThat(target.resolve("new.txt")).doesNotExist();
      assertThat(s.commit()).isTrue();
    }
    assertThat(target.resolve("new.txt")).hasContent("new");
    assertThat(target.resolve("old.txt")).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(target);
    }
  }

  @Test
  void anUncommittedStagingIsDeletedAndTheTargetUntouched() throws Exception {
    Path target = dir.resolve("kb");
    try (StagedFolder s = StagedFolder.begin(target)) {
      Files.writeString(s.path().resolve("half.txt"), "half");
    }
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void stagingLeftByADeadProcessIsRemovedByTheNextOneAndALiveOnesIsKept() throws Exception {
    Path dead = Files.createDirectories(dir.resolve(".kb.partial-2147483646-1"));
    Path live = Files.createDirectories(dir.resolve(".kb.partial-" + ProcessHandle.current().pid() + "-999"));
    Path other = Files.createDirectories(dir.resolve(".other.partial-2147483646-1"));
    try (StagedFolder s = StagedFolder.begin(dir.resolve("kb"))) {
      assertThat(dead).doesNotExist();
      assertThat(live).exists();
      assertThat(other).as("another target's staging").exists();
    }
  }
}
