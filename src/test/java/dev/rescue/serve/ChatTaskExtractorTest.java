package dev.rescue.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rescue.model.Language;
import dev.rescue.model.Task;
import dev.rescue.pipeline.ResultJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatTaskExtractorTest {
  private final ChatTaskExtractor extractor = new ChatTaskExtractor();

  private static JsonNode request(String json) throws Exception {
    return ResultJson.MAPPER.readTree(json);
  }

  @Test
  void lastUserMessageIsTheTaskAndItsCodeBlockTheCode() throws Exception {
    Optional<Task> t = extractor.find(request("""
        {"messages": [
          {"role": "system", "content": "Be brief. ```py\\nsystem_code()\\n```"},
          {"role": "user", "content": "Say hi"},
          {"role": "assistant", "content": "Hi"},
          {"role": "user", "content": "Make this safe:\\n```python\\nimport yaml\\nyaml.load(f)\\n```\\nthanks"}]}
        """), "r1");

    assertThat(t).isPresent();
    assertThat(t.get().id()).isEqualTo("r1");
    assertThat(t.get().task()).startsWith("Make this safe:").endsWith("thanks").doesNotContain("yaml.load");
    assertThat(t.get().code()).isEqualTo("import yaml\nyaml.load(f)");
    assertThat(t.get().language()).isEqualTo(Language.PYTHON);
  }

  @Test
  void earlierCodeInTheConversationJoinsTheCodeButSystemPromptsDoNot() throws Exception {
    Task t = extractor.find(request("""
        {"messages": [
          {"role": "system", "content": "```c\\nsystem_example();\\n```"},
          {"role": "user", "content": "Here is my handler:\\n```js\\nexec(cmd)\\n```"},
          {"role": "assistant", "content": "Looks fine"},
          {"role": "user", "content": "Now add logging"}]}
        """), "r2").orElseThrow();

    assertThat(t.task()).isEqualTo("Now add logging");
    assertThat(t.code()).isEqualTo("exec(cmd)");
    assertThat(t.language()).isEqualTo(Language.JAVASCRIPT);
  }

  @Test
  void contentPartsAreReadForTheirText() throws Exception {
    Task t = extractor.find(request("""
        {"messages": [{"role": "user", "content": [
          {"type": "text", "text": "Write a function that hashes a password"},
          {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]}
        """), "r3").orElseThrow();

    assertThat(t.task()).isEqualTo("Write a function that hashes a password");
    assertThat(t.code()).isNull();
  }

  @Test
  void requestWithoutCodeOrCodingWordsIsNotAboutCode() throws Exception {
    assertThat(extractor.find(request("""
        {"messages": [{"role": "user", "content": "What is the capital of France?"}]}
        """), "r4")).isEmpty();
  }

  @Test
  void requestWithoutUserMessageHasNoTask() throws Exception {
    assertThat(extractor.find(request("""
        {"messages": [{"role": "system", "content": "Write code"}]}
        """), "r5")).isEmpty();
  }

  @Test
  void unterminatedFenceRunsToTheEndOfTheMessage() throws Exception {
    Task t = extractor.find(request("""
        {"messages": [{"role": "user", "content": "Complete:\\n```go\\nfunc handler(w http.ResponseWriter) {"}]}
        """), "r6").orElseThrow();

    assertThat(t.code()).isEqualTo("func handler(w http.ResponseWriter) {");
    assertThat(t.language()).isEqualTo(Language.GO);
  }

  @Test
  void overlongCodeKeepsItsMostRecentEnd() throws Exception {
    ChatTaskExtractor small = new ChatTaskExtractor(20);
    Task t = small.find(request("""
        {"messages": [{"role": "user", "content": "Fix:\\n```\\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\nlast_line()\\n```"}]}
        """), "r7").orElseThrow();

    assertThat(t.code()).hasSize(20).endsWith("last_line()");
  }
}
