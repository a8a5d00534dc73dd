package dev.rescue.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingLlmClientTest {
  private static final String A = "http://localhost:11434/v1";

  @TempDir Path dir;

  /** A real in-process LlmClient that answers with a counter, to see which calls got through. */
  private static final class CountingClient implements LlmClient {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResult chat(ChatRequest request) {
      return new ChatResult("answer " + calls.incrementAndGet(), "m", false);
    }

    @Override
    public String model() {
      return "m";
    }
  }

  private static ChatRequest request(double temperature, String text) {
    return new ChatRequest(null, List.of(ChatMessage.user(text)), temperature, null, null, true);
  }

  @Test
  void repeatedRequestIsAnsweredFromDiskWithoutACall() {
    CountingClient inner = new CountingClient();

    ChatResult first = new CachingLlmClient(inner, dir, A).chat(request(0, "hello"));
    ChatResult second = new CachingLlmClient(inner, dir, A).chat(request(0, "hello"));

    assertThat(inner.calls).hasValue(1);
    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(second.content()).isEqualTo(first.content());
  }

  @Test
  void anyChangeOfModelMessagesOrParametersIsAnotherEntry() {
    CountingClient inner = new CountingClient();
    CachingLlmClient cache = new CachingLlmClient(inner, dir, A);
    ChatRequest base = request(0, "hello");

    List<String> keys = List.of(
        cache.key(base),
        cache.key(request(0.5, "hello")),
        cache.key(request(0, "hello!")),
        cache.key(new ChatRequest("other-model", base.messages(), 0, null, null, true)),
        cache.key(new ChatRequest(null, base.messages(), 0, null, null, false)),
        cache.key(new ChatRequest(null, base.messages(), 0, 0.9, null, true)),
        cache.key(new ChatRequest(null, base.messages(), 0, null, 100, true)));

    assertThat(keys).doesNotHaveDuplicates().allMatch(k -> k.matches("[0-9a-f]{64}"));
    assertThat(cache.key(request(0, "hello"))).isEqualTo(keys.get(0));
  }

  @Test
  void corruptEntryIsACacheMissAndIsRewritten() throws IOException {
    CountingClient inner = new CountingClient();
    CachingLlmClient cache = new CachingLlmClient(inner, dir, A);
    String key = cache.key(request(0, "hello"));
    Path entry = dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "{\"content\": \"trunc");

    ChatResult result = cache.chat(request(0, "hello"));

    assertThat(result.cached()).isFalse();
    assertThat(inner.calls).hasValue(1);
    assertThat(cache.chat(request(0, "hello")).cached()).isTrue();
  }

  @Test
  void writesLeaveNoTemporaryFilesBehind() throws IOException {
    CachingLlmClient cache = new CachingLlmClient(new CountingClient(), dir, A);
    for (int i = 0; i < 5; i++) cache.chat(request(0, "q" + i));

    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> regular = files.filter(Files::isRegularFile).toList();
      assertThat(regular).hasSize(5).allMatch(p -> p.toString().endsWith(".json"));
    }
  }
  @Test
  void theEndpointIsPartOfTheKeyInAnySpelling() {
    ChatRequest r = request(0, "hello");
    String key = new CachingLlmClient(new CountingClient(), dir, A).key(r);

    assertThat(new CachingLlmClient(new CountingClient(), dir, "HTTP://LocalHost:11434/v1/").key(r)).isEqualTo(key);
    assertThat(new CachingLlmClient(new CountingClient(), dir, "http://localhost:11435/v1").key(r)).isNotEqualTo(key);
    assertThat(new CachingLlmClient(new CountingClient(), dir, "http://gpu-box:11434/v1").key(r)).isNotEqualTo(key);
    assertThat(CachingLlmClient.normalizeEndpoint("https://api.openai.com:443/v1/")).isEqualTo("https://api.openai.com/v1");
  }
}
