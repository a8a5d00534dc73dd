package dev.rescue.internal;

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
}
