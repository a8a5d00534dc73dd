package dev.rescue.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rescue.check.Finding;
import dev.rescue.llm.ChatMessage;
import dev.rescue.model.Language;
import dev.rescue.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The repair request is the product the LLM reads: compared with golden files. Rewrite them only on
 * purpose with {@code -Dgolden.update=true}, then review the diff.
 */
class RepairPromptGoldenTest {
  static final Path DIR = Path.of("src/test/resources/testdata/repair");
  static final String CODE = """
      import subprocess

      def backup(name):
          subprocess.run('tar czf /tmp/' + name + '.tgz data', shell=True)
          subprocess.run('rm -rf ' + name, shell=True)
          return eval(name + '_size')
      """;

  static List<Finding> findings() {
    return FakeCheckers.markers().check(new dev.rescue.check.SourceUnit("backup.py", CODE, Language.PYTHON, null))
        .findings();
  }

  static String render(boolean guidance) {
    List<ChatMessage> m = RepairPrompt.messages("Back up a user's folder into /tmp", Language.PYTHON, CODE, findings(),
        guidance);
    StringBuilder sb = new StringBuilder();
    for (ChatMessage c : m) sb.append("== ").append(c.role()).append(" ==\n").append(c.content()).append('\n');
    return sb.toString();
  }

  static void compare(String name, String actual) {
    GoldenFiles.assertMatches(DIR.resolve(name), actual);
  }

  @Test
  void theRequestWithGuidanceMatchesItsGoldenFile() throws Exception {
    compare("prompt-guidance.txt", render(true));
  }

  @Test
  void theFindingsOnlyRequestMatchesItsGoldenFile() throws Exception {
    compare("prompt-findings-only.txt", render(false));
  }

  @Test
  void twoFindingsOfOneCweShareOneGuideline() {
    String r = render(true);
    assertThat(r.split("Guideline: ", -1)).hasSize(2);
    assertThat(r.split("CWE-78:", -1)).hasSize(2);
    assertThat(r).contains("- line 4, column 58").contains("- line 5, column 38").contains("CWE-95:\n- line 6, column 12");
  }
}
