package dev.rescue.generate.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rescue.internal.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCountMemoTest {
  private static final List<String> TEXTS = List.of(
      "Security guidance for this task:\n- CWE-502 Deserialization of Untrusted Data: use yaml.safe_load\n",
      "```python\nimport subprocess\nsubprocess.run([\"ls\", path], check=True)\n```\n",
      "héllo wörld — ünïcode and emoji 🎉 count as the encoder counts them",
      "");

  @Test
  void givesTheEncodersCountForEveryTextTheFirstTimeAndAfter() {
    TokenCountMemo memo = new TokenCountMemo(8);
    for (int round = 0; round < 2; round++) {
      for (String t : TEXTS) assertThat(memo.count(t)).as("round %d: %s", round, t).isEqualTo(Tokens.count(t));
    }
    assertThat(memo.size()).isEqualTo(TEXTS.size());
  }

  @Test
  void keepsAtMostItsCapacityAndStillCountsEvictedTextsRight() {
    TokenCountMemo memo = new TokenCountMemo(2);
    for (String t : TEXTS) memo.count(t);
    assertThat(memo.size()).isEqualTo(2);
    assertThat(memo.count(TEXTS.get(0))).isEqualTo(Tokens.count(TEXTS.get(0)));
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new TokenCountMemo(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
