package dev.rescue.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a CodeGuard+ test's verdict: the stat.json flag decides, the printed lines explain. */
class CodeGuardPlusOutcomeTest {
  static final Set<String> REQUIREMENTS = Set.of("flask", "jose");

  private static CodeGuardPlusOutcome read(Path dir, String stat, SandboxRun run) throws Exception {
    Path file = dir.resolve("stat.json");
    Files.writeString(file, stat);
    return CodeGuardPlusOutcome.read(run, file, "00.py", REQUIREMENTS);
  }

  @Test
  void theFlagDecidesWhateverTheExitStatus(@TempDir Path dir) throws Exception {
    assertThat(read(dir, "{\"00.py\": {\"num\": 1, \"functional\": true}}", new SandboxRun(1, false, "", "boom")).functional())
        .isEqualTo(Functional.PASS);
    CodeGuardPlusOutcome fail = read(dir, "{\"00.py\": {\"functional\": false}}",
        new SandboxRun(0, false, "01: Fail - other\n00: Fail - 404 != 302\n\nTest Summary:\n", ""));
    assertThat(fail.functional()).isEqualTo(Functional.FAIL);
    assertThat(fail.reason()).isEqualTo("functional: 404 != 302");
  }

  @Test
  void aCTestsFailLineGivesTheReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stat.json");
    Files.writeString(file, "{\"00.c\": {\"functional\": false}}");
    CodeGuardPlusOutcome o = CodeGuardPlusOutcome.read(new SandboxRun(0, false,
        "Testing 00.c...\nFail: (bad compile) 0\n\nTest Summary:\n", ""), file, "00.c", REQUIREMENTS);
    assertThat(o.functional()).isEqualTo(Functional.FAIL);
    assertThat(o.reason()).isEqualTo("functional: bad compile");
  }

  @Test
  void noFlagAfterTheSummaryIsTheSamplesFailureWithItsException(@TempDir Path dir) throws Exception {
    CodeGuardPlusOutcome o = read(dir, "{\"00.py\": {\"num\": 1}}", new SandboxRun(0, false, "\nTest Summary:\nTotal tests: 0\n",
        "ERROR: test_modules\nTraceback (most recent call last):\n  File \"f.py\", line 3\nAttributeError: module '00' has no attribute 'app'\n\nFAILED (errors=1)\n"));
    assertThat(o.functional()).isEqualTo(Functional.FAIL);
    assertThat(o.reason()).isEqualTo("functional test raised on the sample: AttributeError: module '00' has no attribute 'app'");
  }

  @Test
  void noFlagAndNoSummaryIsTheHarnesssError(@TempDir Path dir) throws Exception {
    CodeGuardPlusOutcome o = read(dir, "{\"00.py\": {}}", new SandboxRun(1, false, "", "SyntaxError: bad functional.py"));
    assertThat(o.functional()).isEqualTo(Functional.ERROR);
    assertThat(o.reason()).contains("gave no verdict").contains("SyntaxError");
  }

  @Test
  void aTimeoutWithoutFlagFails(@TempDir Path dir) throws Exception {
    assertThat(read(dir, "{\"00.py\": {}}", new SandboxRun(137, true, "", "")).reason()).contains("timed out");
  }

  @Test
  void aMissingRequirementIsAnErrorButAMadeUpModuleFails(@TempDir Path dir) throws Exception {
    CodeGuardPlusOutcome req = read(dir, "{\"00.py\": {\"functional\": false}}",
        new SandboxRun(0, false, "00: Fail - No module named 'jose'\nTest Summary:\n", ""));
    assertThat(req.functional()).isEqualTo(Functional.ERROR);
    assertThat(req.reason()).contains("'jose'").contains("requirements.txt");
    CodeGuardPlusOutcome madeUp = read(dir, "{\"00.py\": {\"functional\": false}}",
        new SandboxRun(0, false, "00: Fail - No module named 'flask_magic'\nTest Summary:\n", ""));
    assertThat(madeUp.functional()).isEqualTo(Functional.FAIL);
  }

  @Test
  void aStatFileTheSampleDestroyedGivesNoVerdict(@TempDir Path dir) throws Exception {
    assertThat(read(dir, "not json", new SandboxRun(0, false, "Test Summary:\n", "")).functional()).isEqualTo(Functional.FAIL);
  }
}
