package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.internal.CacheDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {
  @Test
  void theNpmPackagesSetupInstalledAreTheDefaultAndAGivenFolderOverridesThem(@TempDir Path cache) throws Exception {
    String before = System.getProperty(CacheDirs.PROPERTY);
    System.setProperty(CacheDirs.PROPERTY, cache.toString());
    try {
      assertThat(Toolchain.defaultNodePath()).isEqualTo(cache.resolve("eval/node/node_modules"));
      assertThat(Toolchain.detect("/usr/bin/python3", null).nodePath()).as("before setup").isNull();
      Files.createDirectories(cache.resolve("eval/node/node_modules"));
      assertThat(Toolchain.detect("/usr/bin/python3", null).nodePath()).isEqualTo(cache.resolve("eval/node/node_modules"));
      Path given = Files.createDirectories(cache.resolve("elsewhere/node_modules"));
      assertThat(Toolchain.detect("/usr/bin/python3", given).nodePath()).isEqualTo(given);
    } finally {
      if (before == null) System.clearProperty(CacheDirs.PROPERTY);
      else System.setProperty(CacheDirs.PROPERTY, before);
    }
  }
}
