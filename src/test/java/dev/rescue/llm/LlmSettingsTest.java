package dev.rescue.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
  @Test
  void rescueVariablesWinOverOpenAiOnes() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of(
        "RESCUE_LLM_BASE_URL", "http://localhost:11434/v1/",
        "RESCUE_LLM_MODEL", "qwen2.5-coder:7b",
        "RESCUE_LLM_API_KEY", "rescue-key",
        "OPENAI_BASE_URL", "http://other:8000/v1",
        "OPENAI_API_KEY", "openai-key",
        "RESCUE_LLM_TIMEOUT", "30",
        "RESCUE_LLM_CONCURRENCY", "2"));

    assertThat(s.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(s.model()).isEqualTo("qwen2.5-coder:7b");
    assertThat(s.apiKey()).isEqualTo("rescue-key");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.concurrency()).isEqualTo(2);
    assertThat(s.require()).isSameAs(s);
  }

  @Test
  void openAiVariablesAreTheFallback() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of(
        "OPENAI_BASE_URL", "http://vllm:8000/v1", "OPENAI_API_KEY", "openai-key", "RESCUE_LLM_MODEL", "m"));

    assertThat(s.baseUrl()).isEqualTo("http://vllm:8000/v1");
    assertThat(s.apiKey()).isEqualTo("openai-key");
    assertThat(s.concurrency()).isEqualTo(LlmSettings.DEFAULT_CONCURRENCY);
  }

  @Test
  void anOpenAiKeyAloneMeansOpenAisServer() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "k", "RESCUE_LLM_MODEL", "gpt-4o-mini"));

    assertThat(s.baseUrl()).isEqualTo(LlmSettings.OPENAI_BASE_URL);
  }

  @Test
  void flagsOverrideTheEnvironmentAndNullFlagsDoNot() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of("RESCUE_LLM_BASE_URL", "http://a:1/v1", "RESCUE_LLM_MODEL", "m1"))
        .withBaseUrl("http://b:2/v1/chat/completions").withModel(null).withConcurrency(8);

    assertThat(s.baseUrl()).isEqualTo("http://b:2/v1");
    assertThat(s.model()).isEqualTo("m1");
    assertThat(s.concurrency()).isEqualTo(8);
  }

  @Test
  void noLlmGivesAMessageSayingWhatToSet() {
    LlmSettings none = LlmSettings.fromEnvironment(Map.of());

    assertThat(none.configured()).isFalse();
    assertThatThrownBy(none::require)
        .isInstanceOf(LlmNotConfiguredException.class)
        .hasMessageContaining("needs an LLM")
        .hasMessageContaining("RESCUE_LLM_BASE_URL")
        .hasMessageContaining("RESCUE_LLM_MODEL")
        .hasMessageContaining("RESCUE_LLM_API_KEY")
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("http://localhost:11434/v1")
        .hasMessageContaining("Ollama")
        .hasMessageContaining("vLLM");
  }

  @Test
  void aBaseUrlWithoutAModelNamesTheMissingModel() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of("RESCUE_LLM_BASE_URL", "http://localhost:8000/v1"));

    assertThatThrownBy(s::require).hasMessageContaining("no LLM model is set").hasMessageContaining("http://localhost:8000/v1");
  }

  @Test
  void malformedValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("RESCUE_LLM_CONCURRENCY", "many")))
        .hasMessageContaining("RESCUE_LLM_CONCURRENCY").hasMessageContaining("many");
    assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("RESCUE_LLM_BASE_URL", "localhost:11434")))
        .hasMessageContaining("localhost:11434").hasMessageContaining("http");
  }

  @Test
  void toStringNeverShowsTheKey() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of(
        "RESCUE_LLM_BASE_URL", "http://x:1/v1", "RESCUE_LLM_MODEL", "m", "RESCUE_LLM_API_KEY", "sk-very-secret"));

    assertThat(s.toString()).doesNotContain("sk-very-secret").contains("[redacted]").contains("http://x:1/v1");
  }

  @Test
  void cacheDirFollowsTheRescueCacheProperty() {
    String old = System.getProperty("rescue.cache");
    try {
      System.setProperty("rescue.cache", "/tmp/rescue-cache-test");
      assertThat(LlmSettings.defaultCacheDir()).isEqualTo(Path.of("/tmp/rescue-cache-test", "llm"));
      System.clearProperty("rescue.cache");
    } finally {
      if (old == null) System.clearProperty("rescue.cache");
      else System.setProperty("rescue.cache", old);
    }
  }

  @Test
  void aPasswordOrKeyInTheBaseUrlNeverReachesAMessage() {
    LlmSettings s = LlmSettings.fromEnvironment(Map.of("RESCUE_LLM_BASE_URL", "http://alice:hunter2@llm.example:8000/v1?key=sk-in-url"));
    assertThat(s.toString()).doesNotContain("hunter2", "sk-in-url").contains("http://***@llm.example:8000/v1?key=***");
    assertThatThrownBy(s::require).hasMessageContaining("http://***@llm.example:8000/v1").hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("sk-in-url");
    assertThatThrownBy(() -> s.withBaseUrl("http://alice:hunter2@llm example/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("***@").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> s.withBaseUrl("ftp://alice:hunter2@llm.example/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://***@").hasMessageNotContaining("hunter2");
  }
}
