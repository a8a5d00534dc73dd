package dev.rescue.llm;

import dev.rescue.LlmClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The whole decorated stack keeps the port's contract too. */
class LlmClientsContractTest extends LlmClientContract {
  @TempDir Path cacheDir;

  @Override
  protected LlmClient client(FakeChatServer server) {
    LlmSettings settings = LlmSettings.none().withBaseUrl(server.baseUrl().toString()).withModel("contract-model")
        .withCacheDir(cacheDir).withConcurrency(2).withMaxAttempts(1).withTimeout(Duration.ofSeconds(10));
    return LlmClients.fromSettings(settings);
  }
}
