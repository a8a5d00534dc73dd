package dev.rescue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/rescue's rule, {@code ${XDG_CACHE_HOME:-$HOME/.cache}/rescue}, unless the property names the folder. */
class CacheDirsTest {
  @Test
  void thePropertyWins() {
    assertThat(CacheDirs.root("/srv/cache", Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u")).isEqualTo(Path.of("/srv/cache"));
  }

  @Test
  void elseXdgCacheHome() {
    assertThat(CacheDirs.root(null, Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u")).isEqualTo(Path.of("/xdg/rescue"));
    assertThat(CacheDirs.root(" ", Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u")).isEqualTo(Path.of("/xdg/rescue"));
  }

  @Test
  void elseTheHomeCache() {
    assertThat(CacheDirs.root(null, Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/rescue"));
    assertThat(CacheDirs.root(null, Map.of("XDG_CACHE_HOME", ""), "/home/u")).isEqualTo(Path.of("/home/u/.cache/rescue"));
  }
}
