package dev.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.embed.CachingEmbedder;
import dev.rescue.embed.Embedder;
import dev.rescue.embed.onnx.BgeSmallEmbedder;
import dev.rescue.index.lucene.LuceneIndexStores;
import dev.rescue.kb.KbLoader;
import dev.rescue.kb.LoadedKb;
import dev.rescue.llm.FakeChatServer;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmSettings;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import dev.rescue.pipeline.RetrievalResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole online pipeline on the bundled KB and the real embedder, against a fake LLM server. */
class RescueTest {
  private static final String DRAFT_MARKER = "draft_marker_7f3a";
  private static Embedder embedder;
  private static LoadedKb kb;

  @BeforeAll
  static void load() {
    embedder = new CachingEmbedder(BgeSmallEmbedder.instance(), 64);
    kb = new KbLoader(new LuceneIndexStores(), embedder, Path.of(System.getProperty("java.io.tmpdir"), "rescue-test-index"), s -> {})
        .load(List.of(KbLoader.BUNDLED));
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  private static LlmClient client(FakeChatServer server, Path cache) {
    return LlmClients.fromSettings(LlmSettings.none().withBaseUrl(server.baseUrl().toString()).withModel("fake")
        .withCacheDir(cache).withMaxAttempts(1));
  }

  private static Rescue rescue(LlmClient llm) {
    return Rescue.builder().knowledgeBase(kb.kb(), kb.index()).embedder(embedder).llm(llm).build();
  }

  private static MockResponse answer(FakeChatServer.Chat chat, String cause, String draft) {
    String prompt = chat.lastMessage();
    if (prompt.contains("security analyst")) return FakeChatServer.completion(cause);
    if (prompt.startsWith("Write a complete implementation")) return FakeChatServer.completion("```python\n" + draft + "```");
    return FakeChatServer.completion("```python\nprint('final')\n```");
  }

  @Test
  void analysisRequestsAreSentConcurrently(@TempDir Path cache) throws Exception {
    CountDownLatch bothArrived = new CountDownLatch(2);
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> {
        bothArrived.countDown();
        try {
          // sent one after the other, the first would wait here alone and fail the test
          if (!bothArrived.await(10, TimeUnit.SECONDS)) return FakeChatServer.status(400, "{\"error\":{\"message\":\"sequential\"}}");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return answer(chat, "Untrusted YAML reaches yaml.load.", "import yaml\nyaml.load(data)\n");
      });
      RetrievalResult r = rescue(client(server, cache)).context(
          new Task("t", "Load the YAML config the user uploads", null, Language.PYTHON));
      assertThat(server.chats()).hasSize(2);
      assertThat(r.abstained()).isFalse();
    }
  }

  @Test
  void finalPromptHoldsTheExpectedGuidelineAndExampleButNotTheDraft(@TempDir Path cache) throws Exception {
    String draft = "import yaml\nfrom flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/config', methods=['POST'])\n"
        + "def " + DRAFT_MARKER + "():\n    return yaml.load(request.data)\n";
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> answer(chat,
          "The endpoint deserializes a YAML document uploaded by the user with yaml.load, which can construct "
              + "arbitrary Python objects and execute code: untrusted data is deserialized without validation.", draft));
      Rescue.GenerationResult g = rescue(client(server, cache)).generate(
          new Task("t", "Write a Flask endpoint that loads a YAML config uploaded by the user", null, Language.PYTHON));

      assertThat(g.retrieval().cwes()).extracting(c -> c.cwe()).contains("CWE-502");
      String finalPrompt = server.chats().get(server.chats().size() - 1).allText();
      assertThat(finalPrompt).contains("CWE-502", "safe_load", "Secure example for CWE-502");
      assertThat(finalPrompt).doesNotContain(DRAFT_MARKER);
      assertThat(g.generation().code()).isEqualTo("print('final')\n");
      assertThat(g.retrieval().analysis().apiCalls()).contains("yaml.load");
    }
  }

  @Test
  void abstainingTaskGetsThePlainPrompt(@TempDir Path cache) throws Exception {
    try (FakeChatServer server = new FakeChatServer()) {
      server.answering(chat -> answer(chat, "No security-relevant weakness.",
          "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n"));
      Rescue.GenerationResult g = rescue(client(server, cache)).generate(
          new Task("t", "Write a function that returns the n-th Fibonacci number", null, Language.PYTHON));

      assertThat(g.retrieval().abstained()).isTrue();
      assertThat(g.retrieval().context()).isEmpty();
      String finalPrompt = server.chats().get(server.chats().size() - 1).lastMessage();
      assertThat(finalPrompt).startsWith("Task (Python):\nWrite a function that returns the n-th Fibonacci number");
      assertThat(finalPrompt).doesNotContain("Security guidance");
    }
  }

  @Test
  void withoutAnLlmContextStillWorksAndGenerateSaysHowToConfigureOne() {
    Rescue noLlm = rescue(null);
    RetrievalResult r = noLlm.context(new Task("t", "Write a Flask endpoint that loads a YAML config uploaded by the user",
        null, null));
    assertThat(r.cwes()).extracting(c -> c.cwe()).first().isEqualTo("CWE-502");
    assertThatThrownBy(() -> noLlm.generate(new Task("t", "x", null, null)))
        .hasMessageContaining("RESCUE_LLM_BASE_URL");
  }

  @Test
  void badTasksAreRefusedWithClearMessages() {
    assertThatThrownBy(() -> new Task("t", "", null, null)).hasMessageContaining("both are empty");
    assertThatThrownBy(() -> new Task("t", "x".repeat(1_000_001), null, null)).hasMessageContaining("limit");
    assertThatThrownBy(() -> Language.parse("cobol")).hasMessageContaining("unknown language 'cobol'");
  }
}
