package dev.rescue.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {
  @Test
  void theConfigNeverShowsThem() {
    ProxyConfig c = new ProxyConfig("127.0.0.1", 0, URI.create("http://alice:hunter2@h:1/v1?k=v"), "sk-1", null, 10,
        java.time.Duration.ofSeconds(1));
    assertThat(c.toString()).doesNotContain("hunter2", "sk-1", "=v");
  }
}
