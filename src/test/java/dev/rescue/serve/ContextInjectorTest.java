package dev.rescue.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rescue.pipeline.ResultJson;
import org.junit.jupiter.api.Test;

class ContextInjectorTest {
  private static ObjectNode request(String json) throws Exception {
    return (ObjectNode) ResultJson.MAPPER.readTree(json);
  }

  @Test
  void systemModeAddsAMessageAfterTheClientsOwnInstructionsAndChangesNothingElse() throws Exception {
    ObjectNode req = request("""
        {"model": "m", "tools": [{"type": "function"}], "messages": [
          {"role": "system", "content": "S"}, {"role": "developer", "content": "D"},
          {"role": "user", "content": "U"}]}
        """);
    ObjectNode before = req.deepCopy();

    ObjectNode out = new ContextInjector(InjectionMode.SYSTEM).inject(req, "Use safe_load.\n");

    assertThat(req).isEqualTo(before);
    assertThat(out.get("messages")).hasSize(4);
    assertThat(out.at("/messages/2/role").asText()).isEqualTo("system");
    assertThat(out.at("/messages/2/content").asText()).startsWith(ContextInjector.PREAMBLE).endsWith("Use safe_load.");
    assertThat(out.at("/messages/3/content").asText()).isEqualTo("U");
    out.withArray("messages").remove(2);
    assertThat(out).isEqualTo(before);
  }

  @Test
  void userPrefixModePrefixesOnlyTheLastUserMessage() throws Exception {
    ObjectNode out = new ContextInjector(InjectionMode.USER_PREFIX).inject(request("""
        {"messages": [{"role": "user", "content": "first"}, {"role": "assistant", "content": "a"},
                      {"role": "user", "content": "second"}]}
        """), "CTX");

    assertThat(out.at("/messages/0/content").asText()).isEqualTo("first");
    assertThat(out.at("/messages/2/content").asText()).startsWith(ContextInjector.PREAMBLE + "CTX").endsWith("second");
  }

  @Test
  void userPrefixModeAddsATextPartInFrontOfContentParts() throws Exception {
    ObjectNode out = new ContextInjector(InjectionMode.USER_PREFIX).inject(request("""
        {"messages": [{"role": "user", "content": [{"type": "text", "text": "q"}, {"type": "image_url", "image_url": {"url": "u"}}]}]}
        """), "CTX");

    assertThat(out.at("/messages/0/content")).hasSize(3);
    assertThat(out.at("/messages/0/content/0/text").asText()).contains("CTX");
    assertThat(out.at("/messages/0/content/1/text").asText()).isEqualTo("q");
  }

  @Test
  void injectionModeParsesTheCommandLineSpellings() {
    assertThat(InjectionMode.parse("user-prefix")).isEqualTo(InjectionMode.USER_PREFIX);
    assertThat(InjectionMode.parse("SYSTEM")).isEqualTo(InjectionMode.SYSTEM);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InjectionMode.parse("header"))
        .hasMessageContaining("'header'");
  }
}
