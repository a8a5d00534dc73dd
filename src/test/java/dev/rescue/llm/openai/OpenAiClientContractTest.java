package dev.rescue.llm.openai;

import dev.rescue.llm.FakeChatServer;
import dev.rescue.llm.LlmClient;
import dev.rescue.llm.LlmClientContract;
import java.time.Duration;

class OpenAiClientContractTest extends LlmClientContract {
  @Override
  protected LlmClient client(FakeChatServer server) {
    return new OpenAiClient(server.baseUrl(), "contract-model", "sk-contract", Duration.ofSeconds(10));
  }
}
