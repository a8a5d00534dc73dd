package dev.rescue.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactedUrlTest {
  @Test
  void userInfoAndQueryValuesAreReplaced() {
    assertThat(RedactedUrl.of(URI.create("https://alice:hunter2@api.example.com/v1?api-version=2024&key=s3cret")))
        .isEqualTo("https://***@api.example.com/v1?api-version=***&key=***");
    assertThat(RedactedUrl.of("http://token@10.0.0.1:8000/v1")).isEqualTo("http://***@10.0.0.1:8000/v1");
  }

  @Test
  void aUrlWithoutCredentialsIsShownAsItIs() {
    assertThat(RedactedUrl.of(URI.create("http://localhost:11434/v1"))).isEqualTo("http://localhost:11434/v1");
  }

  @Test
  void aValueThatIsNotAUriIsRedactedToo() {
    assertThat(RedactedUrl.of("http://bob:pa ss@host/v1")).isEqualTo("http://***@host/v1");
  }

  @Test
  void theConfigNeverShowsThem() {
    ProxyConfig c = new ProxyConfig("127.0.0.1", 0, URI.create("http://alice:hunter2@h:1/v1?k=v"), "sk-1", null, 10,
        java.time.Duration.ofSeconds(1));
    assertThat(c.toString()).doesNotContain("hunter2", "sk-1", "=v");
  }
}
